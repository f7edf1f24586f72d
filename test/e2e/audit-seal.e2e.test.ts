import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, verify } from 'node:crypto';
import { uuidv7 } from '../../src/common/ids.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { checkConsistency, checkInclusion, eventLeaf, fromHexes, mth } from '../support/rfc9162.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { fieldsNamed } from './policy-http.js';
import { transferEvents } from '../support/transfer-events.js';

/**
 * The sealed log over HTTP (docs/api.md §9 "Sealed log"): the public key, signed checkpoints,
 * inclusion and consistency proofs, each checked here as an outside auditor would, with
 * node:crypto and an RFC 9162 reference written for the tests (test/support/rfc9162.ts), from
 * the log as the store holds it. Store-agnostic: runs on SQLite and on the EventStoreDB double.
 */

interface CheckpointBody {
  treeSize: number;
  rootHash: string;
  position: string;
  timestamp: string;
  signature: string;
}

/** The signed bytes as the contract states them: canonical JSON (sorted keys, no spaces) of the four fields, built by hand. */
const signedBytes = (c: CheckpointBody): Buffer =>
  Buffer.from(`{"position":${JSON.stringify(c.position)},"rootHash":${JSON.stringify(c.rootHash)},"timestamp":${JSON.stringify(c.timestamp)},"treeSize":${c.treeSize}}`, 'utf8');

const transfer = (transferId: string) => lingangTransfer(transferId);

describe('the sealed log over HTTP', () => {
  let t: TestApp;
  let log: RecordedEvent[];
  let publicKeyPem: string;
  const get = (path: string, key = t.keys.auditor) => t.http.get(path).set(t.auth(key));
  const leaves = (): Buffer[] => log.map((e) => eventLeaf(e.hash));
  const signatureHolds = (c: CheckpointBody): boolean => verify(null, signedBytes(c), createPublicKey(publicKeyPem), Buffer.from(c.signature, 'base64'));

  beforeAll(async () => {
    t = await createTestApp({ seed: 'lingang' });
    await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(transfer('seal-1')).expect(201);
    await t.http.post('/v1/transfers/seal-1/corrections').set(t.auth(t.keys.service)).send({ personalInfoSubjects: 12 }).expect(201);
    log = await t.store.readAll();
    publicKeyPem = (await t.http.get('/v1/audit/public-key').expect(200)).body.publicKeyPem;
  });
  afterAll(() => t.close());

  it('GET /v1/audit/public-key needs no key and answers the Ed25519 key as SPKI PEM', async () => {
    const { body } = await t.http.get('/v1/audit/public-key').expect(200);
    expect(body).toEqual({ algorithm: 'ed25519', publicKeyPem: expect.stringMatching(/^-----BEGIN PUBLIC KEY-----\n[\s\S]+\n-----END PUBLIC KEY-----\n$/) });
    expect(createPublicKey(body.publicKeyPem).asymmetricKeyType).toBe('ed25519');
  });

  it.each(['/v1/audit/checkpoint', `/v1/audit/proofs/consistency?from=1`])('%s: 401 without a key, 403 for a service key, 200 for auditors and regulators', async (path) => {
    await t.http.get(path).expect(401);
    await get(path, t.keys.service).expect(403);
    await get(path, t.keys.auditor).expect(200);
    await get(path, t.keys.regulator).expect(200);
  });

  it('the checkpoint of the head: every event in log order, the root RFC 9162 gives their hashes, the last event’s position and time, signed', async () => {
    const { body } = await get('/v1/audit/checkpoint').expect(200);
    const last = log[log.length - 1];
    expect(body).toEqual({
      treeSize: log.length,
      rootHash: mth(leaves()).toString('hex'),
      position: last.position.toString(10),
      timestamp: last.recordedAt.toISOString(),
      signature: expect.any(String),
    });
    expect(signatureHolds(body)).toBe(true);
    // Any other content under the same signature does not verify.
    expect(signatureHolds({ ...body, treeSize: body.treeSize - 1 })).toBe(false);
    // The same tree always gets the same bytes (Ed25519 is deterministic): a checkpoint can be compared as saved.
    expect((await get('/v1/audit/checkpoint').expect(200)).body).toEqual(body);
  });

  it('the checkpoint at a position holds the events at or before it; past cuts are as they were; bad cuts are 400s', async () => {
    for (const n of [1, 2, Math.floor(log.length / 2), log.length - 1, log.length]) {
      const event = log[n - 1];
      const { body } = await get(`/v1/audit/checkpoint?position=${event.position}`).expect(200);
      expect(body).toMatchObject({ treeSize: n, rootHash: mth(leaves().slice(0, n)).toString('hex'), position: event.position.toString(10), timestamp: event.recordedAt.toISOString() });
      expect(signatureHolds(body)).toBe(true);
    }
    const empty = (await get('/v1/audit/checkpoint?position=0').expect(200)).body;
    expect(empty).toMatchObject({ treeSize: 0, rootHash: mth([]).toString('hex'), position: '0', timestamp: '1970-01-01T00:00:00.000Z' });
    expect(signatureHolds(empty)).toBe(true);
    const head = log[log.length - 1].position;
    expect(fieldsNamed(await get(`/v1/audit/checkpoint?position=${head + 1n}`).expect(400))).toEqual(['position']);
    expect(fieldsNamed(await get('/v1/audit/checkpoint?position=-1').expect(400))).toEqual(['position']);
    expect(fieldsNamed(await get('/v1/audit/checkpoint?position=1&knownAt=2024-01-01T00:00:00Z').expect(400))).toEqual(['position', 'knownAt']);
  });

  it('inclusion proofs: every event, in the whole log and in earlier trees, checked by the reference against the checkpoint of that tree', async () => {
    const all = leaves();
    for (const [i, event] of log.entries()) {
      for (const treeSize of [undefined, i + 1, Math.min(log.length, i + 3)]) {
        const query = `eventId=${event.id}${treeSize === undefined ? '' : `&treeSize=${treeSize}`}`;
        const { body } = await get(`/v1/audit/proofs/inclusion?${query}`).expect(200);
        const n = treeSize ?? log.length;
        expect(body).toMatchObject({ leafIndex: i, treeSize: n, leafHash: all[i].toString('hex'), eventId: event.id, position: event.position.toString(10), hash: event.hash });
        expect(body.checkpoint.rootHash).toBe(mth(all.slice(0, n)).toString('hex'));
        expect(signatureHolds(body.checkpoint)).toBe(true);
        expect(checkInclusion(i, n, all[i], fromHexes(body.auditPath), Buffer.from(body.checkpoint.rootHash, 'hex'))).toBe(true);
      }
    }
  });

  it('inclusion proofs: 400 naming a bad eventId or treeSize, 404 for an event that is not in the log', async () => {
    const event = log[4];
    expect(fieldsNamed(await get('/v1/audit/proofs/inclusion').expect(400))).toEqual(['eventId']);
    expect(fieldsNamed(await get('/v1/audit/proofs/inclusion?eventId=seal-1').expect(400))).toEqual(['eventId']);
    for (const bad of ['x', '-1', '1.5', '01']) expect(fieldsNamed(await get(`/v1/audit/proofs/inclusion?eventId=${event.id}&treeSize=${bad}`).expect(400))).toEqual(['treeSize']);
    const beyond = await get(`/v1/audit/proofs/inclusion?eventId=${event.id}&treeSize=${log.length + 1}`).expect(400);
    expect(beyond.body.message).toEqual([`treeSize is beyond the log's tree (${log.length} events)`]);
    const before = await get(`/v1/audit/proofs/inclusion?eventId=${event.id}&treeSize=4`).expect(400);
    expect(before.body.message).toEqual(["treeSize must be greater than the event's leaf index 4: the first 4 events do not include it"]);
    const unknown = '0190a8f0-0000-7000-8000-000000000000';
    expect((await get(`/v1/audit/proofs/inclusion?eventId=${unknown}`).expect(404)).body.message).toBe(`event ${unknown} not found`);
  });

  it('consistency proofs: every earlier tree is a prefix of every later one, checked by the reference against both roots', async () => {
    const all = leaves();
    const n = log.length;
    for (let from = 1; from <= n; from++) {
      for (const to of [undefined, from, Math.min(n, from + 5)]) {
        const { body } = await get(`/v1/audit/proofs/consistency?from=${from}${to === undefined ? '' : `&to=${to}`}`).expect(200);
        const size = to ?? n;
        expect(body).toMatchObject({ from, to: size });
        expect(body.checkpoint).toMatchObject({ treeSize: size, rootHash: mth(all.slice(0, size)).toString('hex') });
        expect(signatureHolds(body.checkpoint)).toBe(true);
        expect(checkConsistency(from, size, mth(all.slice(0, from)), Buffer.from(body.checkpoint.rootHash, 'hex'), fromHexes(body.proof))).toBe(true);
      }
    }
  });

  it('consistency proofs: 400 naming from and to when missing, malformed, 0, reversed or beyond the tree', async () => {
    const n = log.length;
    const problems = async (query: string) => (await get(`/v1/audit/proofs/consistency${query}`).expect(400)).body.message;
    expect(await problems('')).toEqual(['from must be a tree size (a decimal integer)']);
    expect(await problems('?from=a&to=2.5')).toEqual(['from must be a tree size (a decimal integer)', 'to must be a tree size (a decimal integer)']);
    expect(await problems('?from=0')).toEqual(['from must be at least 1 (every tree extends the empty one: there is nothing to prove)']);
    expect(await problems('?from=5&to=4')).toEqual(['from must not be greater than to (4)']);
    expect(await problems(`?from=1&to=${n + 1}`)).toEqual([`to is beyond the log's tree (${n} events)`]);
  });

  it('timeline entries, policy fact histories and transfer reads carry each event’s chain hash as `hash`', async () => {
    const page = (await get(`/v1/audit/timeline?limit=1000`).expect(200)).body;
    expect(page.events.map((e: { eventId: string; hash: string }) => [e.eventId, e.hash])).toEqual(log.map((e) => [e.id, e.hash]));
    const fact = (await get('/v1/data-lists/lingang-gdl-2024').expect(200)).body;
    const stream = log.filter((e) => e.stream === 'data-list-lingang-gdl-2024');
    expect(fact.history.map((e: { hash: string }) => e.hash)).toEqual(stream.map((e) => e.hash));
    const view = (await get('/v1/transfers/seal-1').expect(200)).body;
    const [recorded, corrected] = log.filter((e) => e.data.transferId === 'seal-1' && e.type.startsWith('Transfer'));
    expect([view.hash, view.corrections[0].hash]).toEqual([recorded.hash, corrected.hash]);
  });
});

describe('verdicts name the tree of their cut (seal)', () => {
  let t: TestApp;
  const get = (path: string) => t.http.get(path).set(t.auth(t.keys.auditor));
  const checkpointAt = async (position: string) => (await get(`/v1/audit/checkpoint?position=${position}`).expect(200)).body;

  beforeAll(async () => {
    t = await createTestApp({ seed: 'lingang' });
  });
  afterAll(() => t.close());

  it('a recorded verdict names the tree size and root of its cut: what the checkpoint at that position signs', async () => {
    const { body } = await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(transfer('sealed-verdict')).expect(201);
    const checkpoint = await checkpointAt(body.verdict.position);
    expect(body.verdict.seal).toEqual({ treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash });
    expect(checkpoint.treeSize).toBe((await t.store.readAll()).filter((e) => e.position <= BigInt(body.verdict.position)).length);
    // As the store keeps it, too.
    const [recorded] = await transferEvents(t.store, 'sealed-verdict');
    expect((recorded.data.verdict as { seal: unknown }).seal).toEqual(body.verdict.seal);
  });

  it('recomputed at its recorded cut the verdict is the recorded one, seal included; at a later cut the seal moves on and nothing is "changed"', async () => {
    const { body } = await t.http.post('/v1/transfers').set(t.auth(t.keys.service)).send(transfer('replayed')).expect(201);
    const then = (await get(`/v1/transfers/replayed/legality?position=${body.verdict.position}`).expect(200)).body;
    const { transferId: _id, recordedVerdict, changed, ...verdict } = then;
    expect(verdict).toEqual(body.verdict);
    expect(recordedVerdict).toEqual(body.verdict);
    expect(changed).toBe(false);
    const now = (await get('/v1/transfers/replayed/legality').expect(200)).body;
    const head = await checkpointAt((await t.store.headPosition())!.toString(10));
    expect(now).toMatchObject({ changed: false, seal: { treeSize: head.treeSize, rootHash: head.rootHash }, recordedVerdict: { seal: body.verdict.seal } });
    expect(now).not.toHaveProperty('differences');
    const evaluated = (await t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.auditor)).send({ ...transfer('x'), transferId: undefined }).expect(200)).body;
    expect(evaluated.seal).toEqual({ treeSize: head.treeSize, rootHash: head.rootHash });
  });

  it('a verdict recorded before verdicts had seals is shown as recorded, without one, and is not "changed" for lacking it', async () => {
    const current = (await t.http.post('/v1/legality/evaluate').set(t.auth(t.keys.auditor)).send({ ...transfer('x'), transferId: undefined }).expect(200)).body;
    const { seal: _seal, ...unsealed } = current;
    const { transferId: _t, ...declared } = transfer('old-unsealed');
    const declaration = { transferId: 'old-unsealed', personalInfoSubjects: 0, ...declared, sensitivePersonalInfoSubjects: 0, importantData: false, purpose: 'ordinary' };
    await t.store.append('transfer-old-unsealed', [{ id: uuidv7(), type: 'TransferRecorded', data: { ...declaration, date: '2024-06-01', verdict: unsealed } }]);
    expect((await get('/v1/transfers/old-unsealed').expect(200)).body.recordedVerdict).toEqual(unsealed);
    const legality = (await get('/v1/transfers/old-unsealed/legality').expect(200)).body;
    expect(legality.recordedVerdict).toEqual(unsealed);
    expect(legality).toMatchObject({ changed: false, seal: { treeSize: expect.any(Number) } });
  });
});
