import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { FixedClock } from '../../src/common/clock.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { CHECKPOINT_SEALED } from '../../src/audit/domain/checkpoint-sealed.event.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { startLedgerInstances, type LedgerInstances } from '../support/ledger-instances.js';
import { pause } from '../support/event-store/wait-until.js';
import type { TestApp } from '../support/test-app.js';

/**
 * Three whole ledger instances on one EventStoreDB (the double), as README "Running on
 * EventStoreDB" describes them: what one instance answers, every instance answers; a retry may
 * land on any instance; each reads its own writes and everyone else's that were answered before
 * the read began (every read first catches up to the store's head, docs/api.md §1).
 */
const clock = () => new FixedClock(new Date('2024-06-10T04:00:00Z'));

let ledgers: LedgerInstances;
let a: TestApp;
let b: TestApp;
let c: TestApp;
let all: readonly TestApp[];
let sequence = 0;
const newId = (label: string): string => `${label}-${++sequence}`;

const record = (on: TestApp, body: Record<string, unknown>) => on.http.post('/v1/transfers').set(on.auth(on.keys.service)).send(body);
const legality = (on: TestApp, transferId: string, query = '') => on.http.get(`/v1/transfers/${transferId}/legality${query}`).set(on.auth(on.keys.auditor));
const evaluate = (on: TestApp, body: Record<string, unknown>) => on.http.post('/v1/legality/evaluate').set(on.auth(on.keys.auditor)).send(body);
const hypothetical = (extra: Record<string, unknown> = {}) => {
  const { transferId: _transferId, ...rest } = lingangTransfer('unused', { personalInfoSubjects: 500, ...extra });
  return rest;
};

beforeAll(async () => {
  ledgers = await startLedgerInstances(3, { seed: 'lingang', clock: clock(), serviceCompanies: ['threshold-co'] });
  [a, b, c] = ledgers.instances;
  all = ledgers.instances;
}, 60_000);
afterAll(async () => {
  await ledgers?.close();
});

/** A regulator's change on `writer` is in the next verdicts of `readers`, and pinned there by the position the writer answered. */
async function policyChangeReachesAll(writer: TestApp, readers: readonly TestApp[]): Promise<void> {
  const regimeId = newId('strict-regime');
  const before = await evaluate(readers[0], hypothetical()).expect(200);
  expect(before.body.basis.map((entry: { factId: string }) => entry.factId)).not.toContain(regimeId);
  const enacted = await writer.http
    .post('/v1/regimes')
    .set(writer.auth(writer.keys.regulator))
    .send({
      regimeId,
      title: 'A stricter regime',
      effectiveFrom: '2024-05-01',
      countingWindow: 'calendar-year',
      thresholds: [{ metric: 'personalInfoSubjects', atLeast: 1, requirement: 'security-assessment' }],
      exemptPurposes: [],
    })
    .expect(201);
  for (const on of readers) {
    const now = await evaluate(on, hypothetical()).expect(200);
    expect(now.body.requirement).toBe('security-assessment');
    expect(now.body.basis.map((entry: { factId: string }) => entry.factId)).toContain(regimeId);
    const pinned = await evaluate(on, { ...hypothetical(), position: enacted.body.position }).expect(200);
    expect(pinned.body).toMatchObject({ requirement: 'security-assessment', position: enacted.body.position });
    const earlier = await evaluate(on, { ...hypothetical(), position: before.body.position }).expect(200);
    expect(earlier.body.requirement).toBe(before.body.requirement);
  }
}

describe('three ledger instances on one EventStoreDB', () => {
  it('seed once, then the same verdicts on every instance, recorded and recomputed, now and at a position', async () => {
    const seeds = (await a.store.readAll()).filter((e) => e.type === 'RegimeEnacted');
    expect(seeds.map((e) => e.data.regimeId)).toHaveLength(new Set(seeds.map((e) => e.data.regimeId)).size);
    const ids: string[] = [];
    for (const [i, on] of all.entries()) {
      const id = newId('same');
      await record(on, lingangTransfer(id, { personalInfoSubjects: 40_000 * (i + 1), destination: 'DE' })).expect(201);
      ids.push(id);
    }
    for (const id of ids) {
      const answers = await Promise.all(all.map((on) => legality(on, id).expect(200)));
      for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
      const cut = `?position=${answers[0].body.recordedVerdict.position}`;
      const atCut = await Promise.all(all.map((on) => legality(on, id, cut).expect(200)));
      for (const answer of atCut) expect(answer.body).toEqual(atCut[0].body);
    }
    const questions = await Promise.all(all.map((on) => evaluate(on, hypothetical()).expect(200)));
    for (const answer of questions) expect(answer.body).toEqual(questions[0].body);
    // The third transfer's verdict counted the two recorded on the other instances before it.
    expect(questions[0].body.cumulative.personalInfoSubjects).toBe(500 + 40_000 * 6);
  });

  it('a transfer recorded on A and retried on B and C: 200 with A’s answer, stored once; other content under its id: 409 everywhere', async () => {
    const id = newId('retry');
    const body = lingangTransfer(id, { personalInfoSubjects: 3 });
    const first = await record(a, body).expect(201);
    for (const on of [b, c]) expect((await record(on, body).expect(200)).body).toEqual(first.body);
    for (const on of all) await record(on, { ...body, personalInfoSubjects: 4 }).expect(409);
    const stored = (await c.store.readAll()).filter((e) => e.type === 'TransferRecorded' && e.data.transferId === id);
    expect(stored).toHaveLength(1);
  });

  it('the same transfer sent to all three at once: one 201, the others 200 with its answer', async () => {
    const body = lingangTransfer(newId('race'));
    const answers = await Promise.all(all.map((on) => record(on, body)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
  });

  it('a policy creation repeated on another instance: 200 with the first answer; at once on all three: one 201', async () => {
    const designation = { designationId: newId('desig'), field: 'biomedicine', category: 'patient-records', classification: 'important', effectiveFrom: '2025-01-01' };
    const create = (on: TestApp, body: Record<string, unknown>) => on.http.post('/v1/designations').set(on.auth(on.keys.regulator)).send(body);
    const first = await create(a, designation).expect(201);
    for (const on of [b, c]) expect((await create(on, designation).expect(200)).body).toEqual(first.body);
    await create(c, { ...designation, classification: 'core' }).expect(409);

    const raced = { ...designation, designationId: newId('desig') };
    const answers = await Promise.all(all.map((on) => create(on, raced)));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 201]);
    for (const answer of answers) expect(answer.body).toEqual(answers[0].body);
  });

  it('read-your-writes: a GET right after a 201 sees it, on the instance that wrote and on the others', async () => {
    for (let round = 0; round < 6; round++) {
      const writer = all[round % 3];
      const id = newId('ryw');
      const recorded = await record(writer, lingangTransfer(id)).expect(201);
      const own = await writer.http.get(`/v1/transfers/${id}`).set(writer.auth(writer.keys.auditor)).expect(200);
      expect(own.body.recordedVerdict).toEqual(recorded.body.verdict);
      const other = all[(round + 1) % 3];
      await other.http.get(`/v1/transfers/${id}`).set(other.auth(other.keys.auditor)).expect(200);
    }
  });

  it('a regulator’s change on A is in B’s and C’s next verdicts, and pinned by the position A answered', () => policyChangeReachesAll(a, [b, c]));

  it('an access key issued on A works on B and C at once; revoked on C, it is refused on A at once', async () => {
    const issued = await a.http.post('/v1/keys').set(a.auth(a.keys.admin)).send({ role: 'auditor', label: 'multi-instance' }).expect(201);
    for (const on of [b, c]) await on.http.get('/v1/audit/timeline').set(on.auth(issued.body.key)).expect(200);
    await c.http.delete(`/v1/keys/${issued.body.keyId}`).set(c.auth(c.keys.admin)).expect(200);
    for (const on of all) await on.http.get('/v1/audit/timeline').set(on.auth(issued.body.key)).expect(401);
  });

  it('3 instances recording one company’s transfers at once across a threshold: every recorded verdict counts every transfer before it in the log', async () => {
    const company = 'threshold-co';
    const per = 10_000;
    // The same instant for all: the order of counting is the log's, so the k-th recorded counts k transfers.
    const bodies = Array.from({ length: 30 }, () => lingangTransfer(newId('threshold'), { companyId: company, personalInfoSubjects: per, occurredAt: '2024-06-05T10:00:00+08:00' }));
    await Promise.all(all.map((on, i) => Promise.all(bodies.filter((_, j) => j % 3 === i).map((body) => on.http.post('/v1/transfers').set(on.auth(on.serviceKeyFor(company))).send(body).expect(201)))));
    const recorded = (await a.store.readAll()).filter((e) => e.type === 'TransferRecorded' && e.data.companyId === company);
    expect(recorded).toHaveLength(bodies.length);
    const counted = recorded.map((e) => (e.data.verdict as { cumulative: { personalInfoSubjects: number } }).cumulative.personalInfoSubjects);
    expect(counted).toEqual(recorded.map((_, k) => per * (k + 1)));
  });
});

describe('three ledger instances on a cluster whose read models lag behind the leader', () => {
  let lagging: LedgerInstances;
  beforeAll(async () => {
    lagging = await startLedgerInstances(3, { seed: 'lingang', clock: clock(), cluster: { followerLagMs: 400 } });
    // The instances' live subscriptions stay on the node that led (the server keeps them there),
    // now a follower that receives every write 400 ms late: each read model lags behind the log.
    await lagging.double.changeLeader({ to: 1, electionMs: 100 });
  }, 60_000);
  afterAll(async () => {
    await lagging?.close();
  });

  it('a write answered on one instance is in the next read on every instance: each read waits for the leader’s head', async () => {
    const [writer, ...readers] = lagging.instances;
    for (let round = 0; round < 3; round++) {
      const id = newId('lagging');
      const before = await evaluate(readers[round % 2], hypothetical()).expect(200);
      await record(writer, lingangTransfer(id, { personalInfoSubjects: 7 })).expect(201);
      for (const reader of readers) {
        await reader.http.get(`/v1/transfers/${id}`).set(reader.auth(reader.keys.auditor)).expect(200);
        const after = await evaluate(reader, hypothetical()).expect(200);
        expect(after.body.cumulative.personalInfoSubjects).toBe(before.body.cumulative.personalInfoSubjects + 7);
      }
    }
  }, 30_000);

  it('a regulator’s change on one instance is in the next verdicts of the lagging others', () => policyChangeReachesAll(lagging.instances[0], lagging.instances.slice(1)), 30_000);
});

describe('three ledger instances on one EventStoreDB seal each tree size once', () => {
  let sealing: LedgerInstances;
  beforeAll(async () => {
    sealing = await startLedgerInstances(3, { sealing: { sealEveryEvents: 4, sealEverySeconds: 0 } });
  }, 60_000);
  afterAll(async () => {
    await sealing?.close();
  });

  it('transfers recorded round the three: one CheckpointSealed per multiple of 4, the same on every instance', async () => {
    const [first] = sealing.instances;
    for (let i = 0; i < 15; i++) {
      const on = sealing.instances[i % 3];
      await record(on, lingangTransfer(newId('sealed'))).expect(201);
    }
    await pause(500); // a late duplicate seal would show up by now
    const seals = (events: RecordedEvent[]) => events.filter((e) => e.type === CHECKPOINT_SEALED).map((e) => e.data.treeSize);
    const sizes = seals(await first.store.readAll());
    expect(sizes.length).toBeGreaterThanOrEqual(3);
    expect(new Set(sizes).size).toBe(sizes.length);
    for (const size of sizes) expect(Number(size) % 4).toBe(0);
    const checkpoints = await Promise.all(sealing.instances.map((on) => on.http.get('/v1/audit/checkpoint').set(on.auth(on.keys.auditor))));
    for (const checkpoint of checkpoints) expect(checkpoint.body).toEqual(checkpoints[0].body);
  }, 30_000);
});
