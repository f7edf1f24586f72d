import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, verify } from 'node:crypto';
import { join } from 'node:path';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double/esdb-double.js';
import { selectedEsdbDouble } from '../support/esdb-double/e2e-selection.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { eventLeaf, mth } from '../support/rfc9162.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { createTestApp, newSigningKey, type TestApp } from '../support/test-app.js';

/**
 * The ledger seals itself (docs/api.md §2 `LEDGER_SEAL_EVERY_EVENTS`, `LEDGER_SEAL_EVERY_SECONDS`,
 * §9): `CheckpointSealed` events in stream `ledger-seal` carry signed checkpoints of the log
 * before them, at every multiple of N events and S seconds after the last seal when something
 * came since; several instances on one store seal each size once; legality reads nothing of them.
 * Store-agnostic: runs on SQLite and on the EventStoreDB double.
 */

const transfer = (transferId: string) => lingangTransfer(transferId, { personalInfoSubjects: 40_000 });

const seals = (log: readonly RecordedEvent[]): RecordedEvent[] => log.filter((e) => e.type === 'CheckpointSealed');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 8000): Promise<T> {
  for (const started = Date.now(); Date.now() - started < timeoutMs; await sleep(25)) {
    const found = await probe();
    if (found !== undefined) return found;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The seal events' sizes once every multiple of `every` up to the log's size (seals included) is sealed. */
async function sealedSizes(t: TestApp, every: number): Promise<number[]> {
  return eventually(`the seals of every multiple of ${every}`, async () => {
    const log = await t.store.readAll();
    const sizes = seals(log).map((e) => e.data.treeSize as number);
    const due = Array.from({ length: Math.floor(log.length / every) }, (_, i) => (i + 1) * every);
    return due.every((size) => sizes.includes(size)) ? sizes : undefined;
  });
}

describe('sealing by count: a CheckpointSealed event at every multiple of N events', () => {
  let t: TestApp;
  let log: RecordedEvent[];
  const get = (path: string) => t.http.get(path).set(t.auth(t.keys.auditor));

  beforeAll(async () => {
    t = await createTestApp({ seed: 'lingang', sealing: { sealEveryEvents: 5, sealEverySeconds: 0 } });
    for (let i = 1; i <= 8; i++) await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(transfer(`s-${i}`)).expect(201);
    await sealedSizes(t, 5);
    log = await t.store.readAll();
  });
  afterAll(() => t.close());

  it('seals each multiple of 5 once, in stream ledger-seal, each a checkpoint of the log before it that verifies with the public key', async () => {
    const sealed = seals(log);
    expect(sealed.map((e) => e.data.treeSize)).toEqual(Array.from({ length: Math.floor(log.length / 5) }, (_, i) => (i + 1) * 5));
    const publicKey = createPublicKey((await t.http.get('/v1/audit/public-key').expect(200)).body.publicKeyPem);
    const leaves = log.map((e) => eventLeaf(e.hash));
    for (const seal of sealed) {
      const { treeSize, rootHash, position, timestamp, signature } = seal.data as { treeSize: number; rootHash: string; position: string; timestamp: string; signature: string };
      expect(seal).toMatchObject({ stream: 'ledger-seal', metadata: { actor: { role: 'system', keyId: 'checkpoint-sealer' } } });
      expect(log.indexOf(seal)).toBeGreaterThanOrEqual(treeSize);
      expect(rootHash).toBe(mth(leaves.slice(0, treeSize)).toString('hex'));
      expect([position, timestamp]).toEqual([log[treeSize - 1].position.toString(10), log[treeSize - 1].recordedAt.toISOString()]);
      const payload = `{"position":"${position}","rootHash":"${rootHash}","timestamp":"${timestamp}","treeSize":${treeSize}}`;
      expect(verify(null, Buffer.from(payload), publicKey, Buffer.from(signature, 'base64'))).toBe(true);
      // What GET /v1/audit/checkpoint answers for that position, byte for byte.
      expect((await get(`/v1/audit/checkpoint?position=${position}`).expect(200)).body).toEqual(seal.data);
    }
  });

  it('the timeline shows the seals, chain verification counts them, and legality reads nothing of them', async () => {
    const page = (await get('/v1/audit/timeline?limit=1000').expect(200)).body;
    const shown = page.events.filter((e: { type: string }) => e.type === 'CheckpointSealed');
    expect(shown[0]).toMatchObject({ stream: 'ledger-seal', actor: { role: 'system', keyId: 'checkpoint-sealer' }, summary: { treeSize: 5 } });
    expect((await get('/v1/audit/verification').expect(200)).body).toMatchObject({ ok: true, eventsChecked: log.length });
    // The same question just before a seal and at the seal itself: the same verdict, only the cut and its tree differ.
    const seal = seals(log)[1];
    const before = log[log.indexOf(seal) - 1];
    const ask = async (position: bigint) =>
      (await t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.auditor)).send({ ...transfer('ignored'), transferId: undefined, position: position.toString(10) }).expect(200)).body;
    const [then, now] = [await ask(before.position), await ask(seal.position)];
    const { position: _p1, seal: sealThen, ...verdictThen } = then;
    const { position: _p2, seal: sealNow, ...verdictNow } = now;
    expect(verdictNow).toEqual(verdictThen);
    expect(sealNow.treeSize).toBe(sealThen.treeSize + 1);
  });
});

describe('sealing by time: the head, S seconds after the last seal, when events came since', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ sealing: { sealEveryEvents: 0, sealEverySeconds: 1 } });
  });
  afterAll(() => t.close());

  it('seals the head once after a write, not again while nothing but the seal came, and again after the next write', async () => {
    await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(transfer('timed-1')).expect(201);
    const first = await eventually('a timed seal', async () => seals(await t.store.readAll())[0]);
    expect(first.data.treeSize).toBe(1);
    await sleep(2500);
    expect(seals(await t.store.readAll())).toHaveLength(1);
    await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(transfer('timed-2')).expect(201);
    const second = await eventually('a second timed seal', async () => seals(await t.store.readAll())[1]);
    // The log then held the first transfer, its seal and the second transfer.
    expect(second.data.treeSize).toBe(3);
  }, 20_000);
});

describe('several instances on one store seal each size once', () => {
  const dir = makeTempDir('ledger-sealing');
  let double: EsdbDouble | undefined;
  const apps: TestApp[] = [];
  afterAll(async () => {
    for (const app of apps) await app.close();
    await double?.close();
    dir.remove();
  });

  it('two ledgers writing to the same log (each with the same key) append one CheckpointSealed per multiple of 4', async () => {
    const features = selectedEsdbDouble();
    double = features ? await startEsdbDouble({ features }) : undefined;
    const storeUrl = double?.url ?? `sqlite:${join(dir.path, 'shared.sqlite')}`;
    // On EventStoreDB the instances share a configured key; on SQLite the second reads the key file the first wrote.
    const sealing = { sealEveryEvents: 4, sealEverySeconds: 0, ...(double ? { signingKey: newSigningKey() } : {}) };
    apps.push(await createTestApp({ storeUrl, sealing }));
    apps.push(await createTestApp({ storeUrl, sealing }));
    for (let i = 0; i < 18; i++) {
      const app = apps[i % 2];
      await app.http.post('/v1/transfers').set(app.auth(app.keys.service)).send(transfer(`shared-${i}`)).expect(201);
    }
    const sizes = await sealedSizes(apps[0], 4);
    await sleep(300); // a late duplicate would show up by now
    const final = seals(await apps[0].store.readAll()).map((e) => e.data.treeSize);
    expect(final).toEqual(sizes);
    expect(new Set(final).size).toBe(final.length);
  }, 30_000);
});
