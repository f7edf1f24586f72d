import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Database from 'better-sqlite3';
import { generateKeyPairSync, sign } from 'node:crypto';
import { copyFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uuidv7 } from '../../src/common/ids.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { computeEventHash, GENESIS_HASH } from '../../src/event-store/hash-chain.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { runCli } from '../support/run-cli.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { createTestApp, TEST_COMPANY } from '../support/test-app.js';
import { companyTransfersStream } from '../../src/transfers/domain/transfer.events.js';

/**
 * Someone with write access to the SQLite file rewrites history behind the ledger's back, after
 * an auditor saved a checkpoint: `npm run verify -- --checkpoint saved.json` (cli.ts, in its own
 * process) must refuse every kind of change before the checkpoint with exit code 1 and name
 * where it is, including the changes per-stream hash chains cannot see (the tail of a stream
 * deleted, the log truncated, events reordered across streams, an event inserted, an edit with
 * its hash recomputed). The ledger sealed its log every 4 events, so the log's own seals bound
 * where such a change lies. SQLite-file specific by design (raw SQL on the file).
 */

interface Saved {
  readonly treeSize: number;
  readonly rootHash: string;
  readonly position: string;
  readonly timestamp: string;
  readonly signature: string;
}

const dir = makeTempDir('ledger-checkpoint-tamper');
const pristine = join(dir.path, 'ledger.sqlite');
const checkpointFile = join(dir.path, 'saved.json');
const keyFile = join(dir.path, 'ledger.pub.pem');
let saved: Saved;
/** The log as it was when the checkpoint was saved (events after it follow). */
let log: RecordedEvent[];
let copies = 0;

const transfer = (transferId: string) => lingangTransfer(transferId);
const eventOf = (stream: string, revision = 0n): RecordedEvent => log.find((e) => e.stream === stream && e.revision === revision)!;
/** The transfers' recordings are in their company's stream (docs/design.md "Writing"); corrections in `transfer-<id>`. */
const recordingOf = (transferId: string): RecordedEvent => log.find((e) => e.type === 'TransferRecorded' && e.data.transferId === transferId)!;
const companyStream = companyTransfersStream(TEST_COMPANY);

/** A copy of the pristine file, changed by `tamper`, verified against the saved checkpoint. */
async function verifyTampered(tamper: (db: Database.Database) => void, checkpoint = checkpointFile) {
  const file = join(dir.path, `tampered-${++copies}.sqlite`);
  copyFileSync(pristine, file);
  const db = new Database(file);
  db.defaultSafeIntegers(true);
  tamper(db);
  db.close();
  const run = await runCli(['verify', '--checkpoint', checkpoint, '--public-key', keyFile], `sqlite:${file}`);
  return { ...run, bracket: /first bad position: after (\d+) and at or before (\d+)/.exec(run.stdout)?.slice(1).map(BigInt) };
}

/** Moves every event at or after `from` one position on, making room at `from`. */
const makeRoomAt = (db: Database.Database, from: bigint): void => {
  db.prepare('UPDATE events SET position = -position WHERE position >= ?').run(from);
  db.prepare('UPDATE events SET position = 1 - position WHERE position < 0').run();
};

beforeAll(async () => {
  const t = await createTestApp({ storeUrl: `sqlite:${pristine}`, seed: 'lingang', sealing: { sealEveryEvents: 4, sealEverySeconds: 0 } });
  const service = (path: string, body: object) => t.http.post(path).set(t.auth(t.keys.service)).send(body);
  for (let i = 1; i <= 6; i++) {
    await service('/v1/transfers', transfer(`t${i}`)).expect(201);
    if (i % 3 === 1) await service(`/v1/transfers/t${i}/corrections`, { personalInfoSubjects: i }).expect(201);
  }
  // Seals are appended by the sealer as the log passes multiples of 4: wait for the last one due.
  const due = Math.floor((await t.store.readAll()).length / 4) * 4;
  for (let tries = 0; !(await t.store.readAll()).some((e) => e.type === 'CheckpointSealed' && e.data.treeSize === due); tries++) {
    if (tries > 100) throw new Error(`no seal of tree size ${due}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  saved = (await t.http.get('/v1/audit/checkpoint').set(t.auth(t.keys.auditor)).expect(200)).body;
  writeFileSync(checkpointFile, JSON.stringify(saved));
  writeFileSync(keyFile, (await t.http.get('/v1/audit/public-key').expect(200)).body.publicKeyPem);
  log = await t.store.readAll();
  // The log goes on after the checkpoint: it still extends it.
  await service('/v1/transfers', transfer('after-1')).expect(201);
  await t.close();
  expect(existsSync(`${pristine}-wal`)).toBe(false);
}, 60_000);
afterAll(() => dir.remove());

describe('npm run verify -- --checkpoint: the log must extend a checkpoint saved earlier', () => {
  it('an untouched log that grew after the checkpoint verifies (exit code 0), with the key file beside the database when no key is given', async () => {
    const run = await runCli(['verify', '--checkpoint', checkpointFile], `sqlite:${pristine}`);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`the log extends the checkpoint of ${saved.treeSize} events up to position ${saved.position}`);
    expect(log.filter((e) => e.type === 'CheckpointSealed').length).toBeGreaterThanOrEqual(4);
    expect(run.stdout).toMatch(/, (\d+) of \1 seals of the log verified/);
  });

  it('edit: an event’s data changed in place is named exactly, by its broken chain', async () => {
    const target = recordingOf('t2');
    const run = await verifyTampered((db) => db.prepare("UPDATE events SET data = json_set(data, '$.destination', 'CN') WHERE id = ?").run(target.id));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`chain: content problem at event ${target.id}`);
    expect(run.stdout).toContain(`first bad position: ${target.position}`);
  });

  it('edit, re-hashed: the chain is made to fit, but the log no longer hashes to the checkpoint; the seals bound where', async () => {
    // The last event of its stream (the correction of t1), so that no later hash chains to it.
    const target = eventOf('transfer-t1');
    const run = await verifyTampered((db) => {
      const data = { ...target.data, destination: 'CN' };
      const hash = computeEventHash({ ...target, data, previousHash: GENESIS_HASH });
      db.prepare('UPDATE events SET data = ?, hash = ? WHERE id = ?').run(JSON.stringify(data), hash, target.id);
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`rewritten: the log does not extend the checkpoint: the first ${saved.treeSize} events do not hash to its root`);
    expect(run.bracket).toBeDefined();
    const [after, atOrBefore] = run.bracket!;
    expect(after < target.position && target.position <= atOrBefore).toBe(true);
    expect(atOrBefore - after).toBeLessThanOrEqual(5n);
  });

  it('delete in the middle of a stream: named by the chain, at the next revision of that stream', async () => {
    const deleted = eventOf(companyStream);
    const next = eventOf(companyStream, 1n);
    const run = await verifyTampered((db) => db.prepare('DELETE FROM events WHERE id = ?').run(deleted.id));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`chain: missing problem at event ${next.id}`);
    expect(run.stdout).toContain(`first bad position: ${next.position}`);
  });

  it('delete the tail of one stream: every chain still verifies, the checkpoint does not; the seals bound where', async () => {
    const deleted = eventOf('transfer-t4');
    expect(deleted.position < BigInt(saved.position)).toBe(true);
    const run = await verifyTampered((db) => db.prepare('DELETE FROM events WHERE id = ?').run(deleted.id));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`rewritten: the log does not extend the checkpoint: 1 event(s) fewer than the checkpoint's ${saved.treeSize} at or before position ${saved.position}`);
    const [after, atOrBefore] = run.bracket!;
    expect(after < deleted.position && deleted.position <= atOrBefore).toBe(true);
    expect(atOrBefore - after).toBeLessThanOrEqual(5n);
  });

  it('truncate the log: the events up to the checkpoint’s last ones are missing, named after the last event left', async () => {
    const keep = log[log.length - 4];
    const run = await verifyTampered((db) => db.prepare('DELETE FROM events WHERE position > ?').run(keep.position));
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`truncated: the log holds ${log.length - 3} events, the checkpoint covers ${saved.treeSize} up to position ${saved.position}: events after position ${keep.position} are missing`);
    expect(run.stdout).toContain(`first bad position: after ${keep.position} and at or before ${saved.position}`);
  });

  it('reorder across streams: two events swap places; each stream’s chain is intact, the log’s order is not', async () => {
    const [first, second] = [eventOf('transfer-t4'), recordingOf('t5')];
    expect(log.some((e) => e.position > first.position && e.position < second.position && [first.stream, second.stream].includes(e.stream))).toBe(false);
    const run = await verifyTampered((db) => {
      db.prepare('UPDATE events SET position = 0 - position WHERE position = ?').run(first.position);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(first.position, second.position);
      db.prepare('UPDATE events SET position = ? WHERE position = ?').run(second.position, -first.position);
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`rewritten: the log does not extend the checkpoint: the first ${saved.treeSize} events do not hash to its root`);
    const [after, atOrBefore] = run.bracket!;
    expect(after < first.position && first.position <= atOrBefore).toBe(true);
  });

  it('insert: a well-chained event slipped in before the checkpoint, the later ones renumbered; the seals bound where', async () => {
    const at = recordingOf('t3').position;
    const run = await verifyTampered((db) => {
      makeRoomAt(db, at);
      const forged = { stream: 'transfer-forged', revision: 0n, type: 'TransferRecorded', data: { ...recordingOf('t3').data, transferId: 'forged' }, metadata: {} };
      const hash = computeEventHash({ ...forged, previousHash: GENESIS_HASH });
      db.prepare('INSERT INTO events (position, id, stream, revision, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, 0, ?, ?, ?, ?, ?)').run(
        at, uuidv7(), forged.stream, forged.type, JSON.stringify(forged.data), '{}', BigInt(Date.now()), hash,
      );
    });
    expect(run.code).toBe(1);
    // Positions on SQLite are 1, 2, 3, …: room was made by renumbering, so the count at the checkpoint's position is the same.
    expect(run.stdout).toContain(`rewritten: the log does not extend the checkpoint: the first ${saved.treeSize} events do not hash to its root`);
    const [after, atOrBefore] = run.bracket!;
    expect(after < at && at <= atOrBefore).toBe(true);
    expect(atOrBefore - after).toBeLessThanOrEqual(5n);
  });

  it('a checkpoint signed by another key, or altered, is refused before the log is read (exit code 1)', async () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const { signature: _, ...head } = saved;
    const payload = `{"position":"${head.position}","rootHash":"${head.rootHash}","timestamp":"${head.timestamp}","treeSize":${head.treeSize}}`;
    const forgedFile = join(dir.path, 'forged.json');
    writeFileSync(forgedFile, JSON.stringify({ ...head, signature: sign(null, Buffer.from(payload), other).toString('base64') }));
    const alteredFile = join(dir.path, 'altered.json');
    writeFileSync(alteredFile, JSON.stringify({ ...saved, treeSize: saved.treeSize - 1 }));
    for (const file of [forgedFile, alteredFile]) {
      const run = await runCli(['verify', '--checkpoint', file, '--public-key', keyFile], `sqlite:${pristine}`);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('signature: the checkpoint’s signature does not verify with the ledger’s public key');
    }
  });

  it('cannot verify (exit code 2) with a checkpoint file that is not one, a missing key, or an unknown option', async () => {
    const notACheckpoint = join(dir.path, 'not.json');
    writeFileSync(notACheckpoint, JSON.stringify({ treeSize: -1, rootHash: 'xyz' }));
    const bad = await runCli(['verify', '--checkpoint', notACheckpoint, '--public-key', keyFile], `sqlite:${pristine}`);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toContain('is not a checkpoint: treeSize must be an integer ≥ 0; rootHash must be 64 lower-case hex digits');
    const copy = join(dir.path, 'elsewhere.sqlite');
    copyFileSync(pristine, copy);
    const noKey = await runCli(['verify', '--checkpoint', checkpointFile], `sqlite:${copy}`);
    expect(noKey).toMatchObject({ code: 2, stdout: '' });
    expect(noKey.stderr).toContain('no public key to check the checkpoint with: give --public-key');
    const unknown = await runCli(['verify', '--since', 'yesterday'], `sqlite:${pristine}`);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('unknown argument --since');
  });
});
