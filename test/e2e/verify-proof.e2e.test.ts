import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { runScript } from '../support/run-cli.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The standalone verifier (`npm run verify-proof`, src/verify-proof.ts in its own process): an
 * auditor saves a checkpoint, the public key and a proof from the ledger, and checks them with
 * nothing else: the ledger is closed before any check runs.
 */

const dir = makeTempDir('ledger-verify-proof');
const file = (name: string, content: unknown): string => {
  const path = join(dir.path, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const verifyProof = (...args: string[]) => runScript('verify-proof.ts', args);

let key: string;
let otherKey: string;
let older: { path: string; body: { treeSize: number; rootHash: string } };
let newer: { path: string; body: { treeSize: number } };
let inclusion: { path: string; body: { eventId: string; leafIndex: number; auditPath: string[]; treeSize: number } };
let consistency: { path: string; body: { from: number; to: number; proof: string[] } };

beforeAll(async () => {
  const t: TestApp = await createTestApp({ seed: 'lingang' });
  const get = async (path: string) => (await t.http.get(path).set(t.auth(t.keys.auditor)).expect(200)).body;
  key = file('ledger.pem', (await t.http.get('/v1/audit/public-key').expect(200)).body.publicKeyPem);
  otherKey = file('other.pem', generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }).toString());
  const olderBody = await get('/v1/audit/checkpoint');
  older = { path: file('older.json', olderBody), body: olderBody };
  const [event] = await t.store.readAll({ maxCount: 1 });
  // The log grows after the auditor saved the older checkpoint.
  for (const transferId of ['vp-1', 'vp-2', 'vp-3']) {
    await t.http
      .post('/v1/transfers')
      .set(t.auth(t.keys.service))
      .send(lingangTransfer(transferId))
      .expect(201);
  }
  const newerBody = await get('/v1/audit/checkpoint');
  newer = { path: file('newer.json', newerBody), body: newerBody };
  const inclusionBody = await get(`/v1/audit/proofs/inclusion?eventId=${event.id}&treeSize=${newerBody.treeSize}`);
  inclusion = { path: file('inclusion.json', inclusionBody), body: inclusionBody };
  const consistencyBody = await get(`/v1/audit/proofs/consistency?from=${olderBody.treeSize}`);
  consistency = { path: file('consistency.json', consistencyBody), body: consistencyBody };
  await t.close();
}, 60_000);
afterAll(() => dir.remove());

describe('npm run verify-proof: proofs checked with nothing but files and the public key', () => {
  it('an inclusion proof against the checkpoint of its tree: exit code 0, saying it checked inclusion of that event', async () => {
    const run = await verifyProof('--checkpoint', newer.path, '--proof', inclusion.path, '--public-key', key);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`inclusion proof verified: event ${inclusion.body.eventId}`);
    expect(run.stdout).toContain(`(leaf 0) in the tree of ${newer.body.treeSize} events`);
  });

  it('a consistency proof from the checkpoint kept earlier to the one the proof carries, or to a second checkpoint given: exit code 0', async () => {
    for (const args of [['--checkpoint', older.path], ['--checkpoint', older.path, '--checkpoint', newer.path]]) {
      const run = await verifyProof(...args, '--proof', consistency.path, '--public-key', key);
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toContain(`consistency proof verified: the tree of ${newer.body.treeSize} events`);
      expect(run.stdout).toContain(`extends the tree of ${older.body.treeSize} events`);
    }
  });

  it('a checkpoint signed by another key is refused (exit code 1)', async () => {
    const run = await verifyProof('--checkpoint', newer.path, '--proof', inclusion.path, '--public-key', otherKey);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`inclusion proof not accepted: the checkpoint ${newer.path} does not verify with the public key ${otherKey}`);
  });

  it('a proof that does not lead to the checkpoint’s root fails (exit code 1): a changed path, another leaf, a rewritten older root', async () => {
    const flipped = (hash: string): string => (hash[0] === '0' ? '1' : '0') + hash.slice(1);
    const badPath = file('bad-inclusion.json', { ...inclusion.body, auditPath: inclusion.body.auditPath.map((h, i) => (i === 1 ? flipped(h) : h)) });
    const otherLeaf = file('other-leaf.json', { ...inclusion.body, leafIndex: 1 });
    for (const proof of [badPath, otherLeaf]) {
      const run = await verifyProof('--checkpoint', newer.path, '--proof', proof, '--public-key', key);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('inclusion proof FAILED');
    }
    const badConsistency = file('bad-consistency.json', { ...consistency.body, proof: consistency.body.proof.map((h, i) => (i === 0 ? flipped(h) : h)) });
    const run = await verifyProof('--checkpoint', older.path, '--proof', badConsistency, '--public-key', key);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('consistency proof FAILED');
  });

  it('cannot verify (exit code 2) without the checkpoint of the size a proof names, or with files that are not what they should be', async () => {
    const noCheckpoint = await verifyProof('--checkpoint', older.path, '--proof', inclusion.path, '--public-key', key);
    expect(noCheckpoint).toMatchObject({ code: 2, stdout: '' });
    expect(noCheckpoint.stderr).toContain(`no checkpoint of tree size ${newer.body.treeSize}`);
    const notAProof = await verifyProof('--checkpoint', older.path, '--proof', file('nothing.json', { hello: 'world' }), '--public-key', key);
    expect(notAProof.code).toBe(2);
    expect(notAProof.stderr).toContain('is neither an inclusion proof');
    const notAKey = await verifyProof('--checkpoint', older.path, '--proof', inclusion.path, '--public-key', older.path);
    expect(notAKey.code).toBe(2);
    expect(notAKey.stderr).toContain('is not a PEM key');
    const usage = await verifyProof('--proof', inclusion.path);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('usage: verify-proof.ts');
  });
});
