import { afterAll, describe, expect, it } from '@jest/globals';
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { pause, waitUntil } from '../support/event-store/wait-until.js';
import { startLedgerProcess } from '../support/ledger-process.js';

/** docs/api.md §10: SIGTERM under load drains the requests in flight; every answered write survives the restart. */

interface Outcome {
  readonly transferId: string;
  readonly status?: number;
  /** The connection error, when there was no answer. */
  readonly error?: string;
  readonly answeredAt: number;
}

/**
 * One POST on a connection of its own (`agent: false`), so a connection is never reused across
 * the shutdown. With `slow`, the request asks `Expect: 100-continue`, and once the ledger has
 * taken it in (it answers 100 Continue as it hands the request to the app) half the body goes,
 * `slow.takenIn` is called, and the other half follows when `slow.rest` resolves: a request in
 * flight when the signal comes.
 */
function post(url: string, key: string, body: object, slow?: { takenIn: () => void; rest: Promise<void> }): Promise<{ status?: number; error?: string }> {
  return new Promise((resolve) => {
    const payload = Buffer.from(JSON.stringify(body));
    const req = httpRequest(`${url}/v1/transfers`, {
      method: 'POST',
      agent: false,
      headers: {
        Authorization: `Bearer ${key}`,
        'Content-Type': 'application/json',
        'Content-Length': payload.length,
        ...(slow ? { Expect: '100-continue' } : {}),
      },
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    if (!slow) return void req.end(payload);
    req.on('continue', () => {
      req.write(payload.subarray(0, payload.length / 2));
      slow.takenIn();
      void slow.rest.then(() => req.end(payload.subarray(payload.length / 2)));
    });
    req.flushHeaders();
  });
}

const transfer = (transferId: string) => ({
  transferId,
  companyId: 'acme',
  field: 'icv',
  category: 'after-sales/service-records',
  destination: 'DE',
  occurredAt: '2024-06-01T10:00:00+08:00',
  personalInfoSubjects: 1,
});

const WRITERS = 24;

describe('SIGTERM under load', () => {
  const dir = makeTempDir('ledger-shutdown');
  afterAll(() => dir.remove());

  it('stops accepting, answers every request it took in, closes the store; after a restart every 2xx write is there', async () => {
    const file = join(dir.path, 'ledger.sqlite');
    const key = randomBytes(24).toString('base64url');
    const env = {
      EVENT_STORE_URL: `sqlite:${file}`,
      LEDGER_API_KEYS: JSON.stringify([
        { key, role: 'service', companyId: 'acme' },
        { key: `${key}-auditor`, role: 'auditor' },
      ]),
    };
    const ledger = await startLedgerProcess(env);

    const outcomes: Outcome[] = [];
    let sequence = 0;
    let refused = false;
    const writer = async (): Promise<void> => {
      // Until the listener is gone: a refused connection is the answer of a ledger that stopped accepting.
      while (!refused) {
        const transferId = `shutdown-${++sequence}`;
        const answer = await post(ledger.url, key, transfer(transferId));
        outcomes.push({ transferId, ...answer, answeredAt: Date.now() });
        if (answer.error === 'ECONNREFUSED') refused = true;
      }
    };
    const writers = Array.from({ length: WRITERS }, () => writer());
    await waitUntil(() => outcomes.filter((o) => o.status === 201).length >= 200, '200 answered writes', 60_000);
    // A request still arriving when the signal comes: its body is finished 500 ms after it.
    let finishSlowBody!: () => void;
    let slowTakenIn!: () => void;
    const takenIn = new Promise<void>((resolve) => (slowTakenIn = resolve));
    const slow = post(ledger.url, key, transfer('shutdown-slow'), { takenIn: slowTakenIn, rest: new Promise<void>((resolve) => (finishSlowBody = resolve)) });
    await takenIn;
    const signalledAt = Date.now();
    ledger.kill('SIGTERM');
    await pause(500);
    finishSlowBody();
    outcomes.push({ transferId: 'shutdown-slow', ...(await slow), answeredAt: Date.now() });
    await Promise.all(writers);
    const exit = await ledger.exited;

    expect(outcomes.find((o) => o.transferId === 'shutdown-slow')).toMatchObject({ status: 201 });
    // It was under load: requests in flight at the signal were answered after it.
    expect(outcomes.filter((o) => o.status === 201 && o.answeredAt > signalledAt).length).toBeGreaterThan(1);
    const shuttingDown = ledger.logs.find((l) => l.msg === 'shutting down: accepting no new connections, draining the requests in flight');
    expect(shuttingDown).toMatchObject({ reason: 'SIGTERM', inFlight: expect.any(Number) });
    expect(shuttingDown?.inFlight).toBeGreaterThanOrEqual(1);
    expect(ledger.logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['drained; closing the store', 'event store closed', 'shut down']));
    expect(ledger.logs.filter((l) => l.level === 'error' || l.level === 'warn')).toEqual([]);

    // Every request was answered 201, or got no answer because its connection was never taken in:
    // refused once the listener had closed, or reset with the connections still waiting in the
    // kernel's accept queue when it closed (their requests were never read).
    expect(new Set(outcomes.filter((o) => o.status !== undefined).map((o) => o.status))).toEqual(new Set([201]));
    const unanswered = outcomes.filter((o) => o.error !== undefined);
    expect(unanswered.filter((o) => o.error !== 'ECONNREFUSED' && o.error !== 'ECONNRESET')).toEqual([]);
    // Nothing was cut off mid-flight: the ledger answered every request it took in (one request
    // log line per answered write), and the store holds exactly the answered writes.
    const answered = outcomes.filter((o) => o.status === 201).map((o) => o.transferId);
    expect(ledger.logs.filter((l) => l.msg === 'request' && l.method === 'POST' && l.path === '/v1/transfers').map((l) => l.status)).toEqual(answered.map(() => 201));
    const store = new SqliteEventStore({ path: file });
    let recorded: string[];
    try {
      recorded = (await store.readAll()).filter((e) => e.type === 'TransferRecorded').map((e) => String(e.data.transferId));
    } finally {
      await store.close();
    }
    expect(new Set(recorded)).toEqual(new Set(answered));
    expect(recorded).toHaveLength(answered.length);
    expect(exit).toMatchObject({ code: 0, signal: null });

    const restarted = await startLedgerProcess(env);
    try {
      for (const transferId of answered) {
        const response = await fetch(`${restarted.url}/v1/transfers/${transferId}`, { headers: { Authorization: `Bearer ${key}-auditor` } });
        expect({ transferId, status: response.status }).toEqual({ transferId, status: 200 });
      }
    } finally {
      restarted.kill('SIGTERM');
      expect(await restarted.exited).toMatchObject({ code: 0 });
    }
  }, 180_000);
});
