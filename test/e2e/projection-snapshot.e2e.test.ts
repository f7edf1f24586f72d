import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiKeyConfig } from '../../src/config/ledger-config.js';
import type { RecordedEvent } from '../../src/event-store/event-store.port.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { sharedStore, type SharedStore } from '../support/esdb-double/shared-store.js';
import { lingangTransfer } from '../support/lingang-transfer.js';
import { createTestApp, newSigningKey, TEST_COMPANY, type TestApp } from '../support/test-app.js';

/**
 * The projection snapshot (docs/design.md "Snapshots", docs/api.md §2 `LEDGER_SNAPSHOT_PATH`):
 * a ledger restarted from its snapshot answers every question exactly as one that replayed the
 * whole log; a snapshot of another version, a damaged one, or one of another store is ignored
 * with a log line and the log replayed. On SQLite and on the EventStoreDB double.
 */

const apiKeys: ApiKeyConfig[] = [
  { key: randomBytes(24).toString('base64url'), role: 'regulator' },
  { key: randomBytes(24).toString('base64url'), role: 'auditor' },
  { key: randomBytes(24).toString('base64url'), role: 'service', companyId: TEST_COMPANY },
];
const [regulator, auditor, service] = apiKeys.map((k) => k.key);
/** One signing key for every instance, and no seals of their own: every boot signs and sees the same log. */
const sealing = { signingKey: newSigningKey(), sealEveryEvents: 0, sealEverySeconds: 0 };

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const snapshotRead = (app: TestApp): boolean => app.logs.some((line) => line.includes('projection snapshot read'));
const snapshotIgnored = (app: TestApp): string | undefined => app.logs.find((line) => line.includes('projection snapshot ignored'));

/** Everything a user might ask of the read model, answered by one app. */
async function answers(t: TestApp): Promise<Record<string, { status: number; body: unknown }>> {
  const log: RecordedEvent[] = await t.store.readAll();
  if (process.env.DEBUG_SNAP) process.stdout.write(`LOG ${log.map((e) => `${e.position}:${e.type}:${e.recordedAt.toISOString()}`).slice(-4).join(' ')}\n`);
  const transferIds = [...new Set(log.filter((e) => e.type === 'TransferRecorded').map((e) => (e.data as { transferId: string }).transferId))];
  const cuts = [log[0], log[Math.floor(log.length / 2)], log.at(-2), log.at(-1)].map((e) => e!.position.toString());
  const paths = [
    '/v1/transfers?limit=1000',
    `/v1/transfers?limit=1000&position=${cuts[1]}`,
    `/v1/transfers?limit=1000&changed=true`,
    '/v1/regimes',
    '/v1/data-lists',
    '/v1/audit/checkpoint',
    `/v1/audit/checkpoint?position=${cuts[1]}`,
    `/v1/audit/proofs/consistency?from=1&to=${log.length}`,
    `/v1/audit/proofs/inclusion?eventId=${log[3].id}&treeSize=${log.length}`,
    '/v1/audit/timeline?limit=1000',
    `/v1/audit/timeline?limit=1000&companyId=${TEST_COMPANY}&type=TransferCorrected`,
    `/v1/audit/timeline?limit=1000&knownAt=${encodeURIComponent(log[Math.floor(log.length / 2)].recordedAt.toISOString())}`,
    ...transferIds.flatMap((id) => [`/v1/transfers/${id}`, ...cuts.map((cut) => `/v1/transfers/${id}/legality?position=${cut}`), `/v1/transfers/${id}/legality`]),
  ];
  const result: Record<string, { status: number; body: unknown }> = {};
  for (const path of paths) {
    const { status, body } = await t.http.get(path).set(bearer(auditor));
    result[path] = { status, body };
  }
  const evaluated = await t.http.post('/v1/legality/evaluate').set(bearer(auditor)).send({ ...lingangTransfer('x'), transferId: undefined, personalInfoSubjects: 60_000 });
  result['POST /v1/legality/evaluate'] = { status: evaluated.status, body: evaluated.body };
  return result;
}

async function record(t: TestApp, from: number, to: number): Promise<void> {
  for (let n = from; n < to; n++) {
    // Enough people that the cumulative counts cross the pack's thresholds on the way.
    await t.http.post('/v1/transfers').set(bearer(service)).send(lingangTransfer(`snap-${n}`, { personalInfoSubjects: 30_000, occurredAt: `2024-06-${String(1 + (n % 20)).padStart(2, '0')}T10:00:00+08:00` })).expect(201);
    if (n % 3 === 2) await t.http.post(`/v1/transfers/snap-${n - 1}/corrections`).set(bearer(service)).send({ personalInfoSubjects: 70_000 }).expect(201);
  }
}

describe('projection snapshots', () => {
  let store: SharedStore;
  let dir: { path: string; remove(): void };
  let snapshotPath: string;
  let replayed: Record<string, { status: number; body: unknown }>;
  const boot = (path = snapshotPath, storeUrl = store.url) => createTestApp({ storeUrl, apiKeys, seed: 'lingang', sealing, snapshot: { snapshotPath: path, snapshotEverySeconds: 0 } });

  beforeAll(async () => {
    store = await sharedStore('projection-snapshot');
    dir = makeTempDir('projection-snapshot');
    snapshotPath = join(dir.path, 'ledger.snapshot');
    const first = await boot();
    await record(first, 0, 6);
    await first.close();
    // A second instance boots from the first's snapshot and records on top of it, then saves its own.
    const second = await boot();
    expect(snapshotRead(second)).toBe(true);
    await record(second, 6, 12);
    await second.close();
    const full = await boot('off');
    replayed = await answers(full);
    await full.close();
  });
  afterAll(async () => {
    await store?.remove();
    dir?.remove();
  });

  it('is saved at shutdown, owner-only, and no temporary file is left', () => {
    expect(existsSync(snapshotPath)).toBe(true);
    expect(statSync(snapshotPath).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir.path).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a boot from the snapshot answers every read exactly as a full replay: verdicts at every cut, listings, checkpoints, proofs, timelines', async () => {
    const t = await boot();
    try {
      expect(snapshotRead(t)).toBe(true);
      expect(t.logs.some((line) => /caught up at position \d+ in \d+ ms \(from the snapshot at \d+\)/.test(line))).toBe(true);
      expect(await answers(t)).toEqual(replayed);
      // And it goes on from there: a transfer recorded now counts every earlier one.
      const { body } = await t.http.post('/v1/transfers').set(bearer(service)).send(lingangTransfer('snap-after', { personalInfoSubjects: 1, occurredAt: '2024-06-30T10:00:00+08:00' })).expect(201);
      expect(body.verdict.cumulative.personalInfoSubjects).toBe(8 * 30_000 + 4 * 70_000 + 1);
    } finally {
      await t.close();
    }
    // The transfer recorded on the snapshot boot is in the log: a full replay sees it as the snapshot boot did.
    const full = await boot('off');
    const again = await boot();
    try {
      const after = '/v1/transfers/snap-after/legality';
      expect((await again.http.get(after).set(bearer(auditor))).body).toEqual((await full.http.get(after).set(bearer(auditor))).body);
      replayed = await answers(full);
      expect(await answers(again)).toEqual(replayed);
    } finally {
      await full.close();
      await again.close();
    }
  });

  /** Boots on a copy of the snapshot changed by `damage`; answers the log line saying why it was ignored. */
  async function bootOnDamaged(damage: (bytes: Buffer) => Buffer): Promise<string | undefined> {
    const damaged = join(dir.path, `damaged-${randomBytes(4).toString('hex')}.snapshot`);
    writeFileSync(damaged, damage(readFileSync(snapshotPath)), { mode: 0o600 });
    const t = await boot(damaged);
    try {
      expect(snapshotRead(t)).toBe(false);
      expect(await answers(t)).toEqual(replayed);
      return snapshotIgnored(t);
    } finally {
      await t.close();
    }
  }

  it('a damaged snapshot (a byte flipped, or cut short) is ignored with a log line, and the log replayed', async () => {
    expect(await bootOnDamaged((bytes) => {
      bytes[Math.floor(bytes.length / 2)] ^= 0x40;
      return bytes;
    })).toContain('damaged');
    expect(await bootOnDamaged((bytes) => bytes.subarray(0, bytes.length - 100))).toContain('damaged');
  });

  it('a snapshot written by another version of the projections is ignored, even with a valid checksum', async () => {
    const line = await bootOnDamaged((bytes) => {
      const text = bytes.toString('latin1');
      const at = text.indexOf('"version":"') + '"version":"'.length;
      bytes[at] = bytes[at] === 0x30 ? 0x31 : 0x30; // another hex digit
      const content = bytes.subarray(0, bytes.length - 32);
      return Buffer.concat([content, createHash('sha256').update(content).digest()]);
    });
    expect(line).toContain('another version');
  });

  it('a snapshot of another store (replaced: shorter, or with other events) is ignored, and that store replayed', async () => {
    const other = await sharedStore('projection-snapshot-other');
    try {
      // A fresh store holds only the seed: the snapshot stands beyond its head.
      const copy = join(dir.path, 'original.snapshot');
      writeFileSync(copy, readFileSync(snapshotPath), { mode: 0o600 });
      const fresh = await boot(copy, other.url);
      const freshAnswers = await answers(fresh);
      expect(snapshotIgnored(fresh)).toContain("beyond the store's head");
      expect(freshAnswers['/v1/transfers?limit=1000'].body).toMatchObject({ items: [] });
      // Now longer than the snapshot's position, with other events there (the copy is saved over at shutdown: copy it again).
      await record(fresh, 100, 115);
      await fresh.close();
      writeFileSync(copy, readFileSync(snapshotPath), { mode: 0o600 });
      const replaced = await boot(copy, other.url);
      try {
        expect(snapshotIgnored(replaced)).toContain('another event');
        const ids = (await replaced.http.get('/v1/transfers?limit=1000').set(bearer(regulator))).body.items.map((item: { transferId: string }) => item.transferId);
        expect(ids).toContain('snap-100');
        expect(ids).not.toContain('snap-0');
      } finally {
        await replaced.close();
      }
    } finally {
      await other.remove();
    }
  });
});
