import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { startLedgerProcess, type LedgerProcess } from '../support/ledger-process.js';
import { countedAndExpected, recordingsOf, sequenceTransfer } from '../support/company-sequence.js';

/**
 * docs/design.md "Writing": a recorded verdict counts every transfer of the same company that
 * precedes it in the log, however many ledger processes write. Three ledger processes on one
 * SQLite file record one company's transfers at once, each of 5,000 people, all at the same
 * instant (so the log order is the counting order), across the 100,000-person threshold of the
 * 2024 provisions: the k-th recording in the log must carry a cumulative count of 5,000 × k and
 * the requirement that count gives. A recording evaluated at a cut that missed another
 * process's concurrent recording carries a smaller count (what main's code did: issue 13).
 */

const COMPANY = 'many-writers-co';
const SERVICE = 'many-writers-service-key-0123456789abcdefghijklmnop';
const OTHER_SERVICE = 'many-writers-other-key-0123456789abcdefghijklmnopq';
const PER_PROCESS = 25;
const IN_FLIGHT = 4;

const body = (transferId: string, companyId = COMPANY) => sequenceTransfer(transferId, companyId);

interface Answer {
  readonly status: number;
  readonly json: { transferId?: string; position?: string; verdict?: { requirement: string; cumulative: { personalInfoSubjects: number | string } }; message?: unknown };
}

const post = async (ledger: LedgerProcess, transfer: object, key = SERVICE): Promise<Answer> => {
  const response = await fetch(`${ledger.url}/v1/transfers`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(transfer),
  });
  return { status: response.status, json: (await response.json()) as Answer['json'] };
};

/** Sends the ids to one process, `IN_FLIGHT` at a time. */
async function recordAll(ledger: LedgerProcess, ids: readonly string[]): Promise<Answer[]> {
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: IN_FLIGHT }, async () => {
      while (next < ids.length) answers.push(await post(ledger, body(ids[next++])));
    }),
  );
  return answers;
}

async function recordingsInLog(file: string): Promise<RecordedEvent[]> {
  const store = new SqliteEventStore({ path: file });
  try {
    return recordingsOf(await store.readAll(), COMPANY);
  } finally {
    await store.close();
  }
}

describe('three ledger processes recording one company\'s transfers on one SQLite file', () => {
  const dir = makeTempDir('ledger-recording-processes');
  const file = join(dir.path, 'ledger.sqlite');
  let ledgers: LedgerProcess[] = [];

  beforeAll(async () => {
    const env = {
      EVENT_STORE_URL: `sqlite:${file}`,
      LEDGER_API_KEYS: JSON.stringify([
        { key: SERVICE, role: 'service', companyId: COMPANY },
        { key: OTHER_SERVICE, role: 'service', companyId: 'someone-else' },
      ]),
    };
    // The first seeds the Lingang pack; the others start on the seeded log.
    ledgers = [await startLedgerProcess({ ...env, LEDGER_SEED: 'lingang' })];
    ledgers.push(...(await Promise.all([startLedgerProcess(env), startLedgerProcess(env)])));
  }, 180_000);
  afterAll(async () => {
    for (const ledger of ledgers) {
      ledger.kill('SIGTERM');
      await ledger.exited;
    }
    dir.remove();
  });

  it('every recorded verdict counts every earlier transfer of the company in the log, across the threshold (none missed)', async () => {
    const answers = (await Promise.all(ledgers.map((ledger, p) => recordAll(ledger, Array.from({ length: PER_PROCESS }, (_, i) => `mw-${p}-${i}`))))).flat();
    expect(answers.filter((a) => a.status !== 201)).toEqual([]);

    const recordings = await recordingsInLog(file);
    expect(recordings).toHaveLength(ledgers.length * PER_PROCESS);
    const { counted, expected } = countedAndExpected(recordings);
    expect(counted).toEqual(expected);
    // Each answer is its recording in the log.
    const byId = new Map(recordings.map((event) => [event.data.transferId, event]));
    for (const answer of answers) expect(answer.json.position).toBe(byId.get(String(answer.json.transferId))?.position.toString());
  }, 180_000);

  it('a retry on another process answers the first answer (200); the same id from another company is a 409', async () => {
    const first = await post(ledgers[0], body('mw-retry'));
    expect(first.status).toBe(201);
    for (const ledger of ledgers) expect(await post(ledger, body('mw-retry'))).toEqual({ status: 200, json: first.json });
    const taken = await post(ledgers[2], body('mw-retry', 'someone-else'), OTHER_SERVICE);
    expect(taken.status).toBe(409);
  }, 60_000);

  it('the same new transfer sent to all three processes at once is recorded once: one 201, the others 200 with the same answer', async () => {
    for (let round = 0; round < 5; round++) {
      const id = `mw-race-${round}`;
      const answers = await Promise.all(ledgers.map((ledger) => post(ledger, body(id))));
      expect(answers.map((a) => a.status).sort()).toEqual([200, 200, 201]);
      for (const answer of answers) expect(answer.json).toEqual(answers[0].json);
      expect((await recordingsInLog(file)).filter((event) => event.data.transferId === id)).toHaveLength(1);
    }
  }, 60_000);
});
