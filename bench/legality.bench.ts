import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { printTable } from './table.js';
import { AppModule } from '../src/app.module.js';
import { createEventStore } from '../src/event-store/event-store.factory.js';
import type { EventStore, JsonObject } from '../src/event-store/event-store.port.js';
import { canonicalJson } from '../src/common/canonical-json.js';
import { GENESIS_HASH, hashCanonicalEvent } from '../src/event-store/hash-chain.js';
import { configureApp } from '../src/http/configure-app.js';
import { JsonLogger } from '../src/logging/json.logger.js';
import { factKeyOf } from '../src/legality/domain/policy-facts.js';
import { toTransferUnderEvaluation, type DeclaredTransfer } from '../src/legality/domain/transfer-under-evaluation.js';
import type { Verdict } from '../src/legality/domain/verdict.js';
import { LegalityProjections } from '../src/legality/projections/legality.projections.js';
import type { DataEntry, PolicyEvent } from '../src/policy/domain/policy.events.js';
import { addDays } from '../src/common/time.js';
import { uuidv7 } from '../src/common/ids.js';
import { runWhenMain } from './run-when-main.js';

/**
 * The legality read side at scale (brief h5 item 7): with a million recorded transfers across a
 * thousand companies and a realistic policy history, (a) evaluations per second in process and
 * the median latency of POST /v1/legality/evaluate over HTTP, beside a naive evaluator that
 * replays the whole log for every question; (b) a full projection rebuild beside raw reading of
 * the same events through the store; (c) resident memory per recorded transfer.
 * Sizes: BENCH_TRANSFERS (default 1,000,000) and BENCH_COMPANIES (default 1,000).
 */

const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 1_000_000);
const COMPANIES = Number(process.env.BENCH_COMPANIES ?? 1_000);
const NAIVE_QUESTIONS = 2;
const HTTP_REQUESTS = 300;
const IN_PROCESS_QUESTIONS = 20_000;

/** A deterministic pseudo-random sequence (mulberry32), so every run measures the same history. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LINGANG_CATEGORIES = ['manufacturing/production-management', 'manufacturing/parts-procurement', 'manufacturing/inventory', 'manufacturing/quality', 'manufacturing/logistics',
  'rnd/product-design', 'rnd/testing', 'after-sales/vehicle-basic-info', 'after-sales/service-records', 'after-sales/fault-analysis', 'used-car/vehicle-history'];
const FIELDS = ['icv', 'public-funds', 'biomedicine', ...Array.from({ length: 17 }, (_, i) => `field-${i}`)];
const CATEGORIES = [...LINGANG_CATEGORIES, 'road/exterior-video', 'road/fleet-trajectories', 'fund-market-research', 'clinical-trials-rnd', 'customers', 'employees', 'orders'];
const ZONES = ['cn-shanghai-lingang', 'cn-beijing-fta', 'cn-hainan-ftp', 'cn-tianjin-fta'];
const DESTINATIONS = ['DE', 'US', 'SG', 'JP', 'FR', 'GB'];
const companyId = (i: number): string => (i === 0 ? 'tesla-shanghai' : `company-${String(i).padStart(4, '0')}`);

/** The Lingang pack (docs/domain.md §5) and a few hundred more policy events of every kind. */
export function policyHistory(next: () => number): PolicyEvent[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)];
  const date = (from: string, spanDays: number) => addDays(from, Math.floor(next() * spanDays));
  const events: PolicyEvent[] = [
    { type: 'RegimeEnacted', data: { regimeId: 'cn-2022-assessment-measures', title: 'Security assessment measures', effectiveFrom: '2022-09-01', countingWindow: 'previous-and-current-calendar-year', thresholds: [{ metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'security-assessment' }, { metric: 'sensitivePersonalInfoSubjects', atLeast: 10_000, requirement: 'security-assessment' }], exemptPurposes: [] } },
    { type: 'RegimeEnacted', data: { regimeId: 'cn-2023-standard-contract', title: 'Standard contract measures', effectiveFrom: '2023-06-01', countingWindow: 'previous-and-current-calendar-year', thresholds: [{ metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'security-assessment' }, { metric: 'sensitivePersonalInfoSubjects', atLeast: 10_000, requirement: 'security-assessment' }, { metric: 'personalInfoSubjects', atLeast: 1, requirement: 'standard-contract' }, { metric: 'sensitivePersonalInfoSubjects', atLeast: 1, requirement: 'standard-contract' }], exemptPurposes: [] } },
    { type: 'RegimeEnacted', data: { regimeId: 'cn-2024-cross-border-provisions', title: 'Cross-border data flow provisions', effectiveFrom: '2024-03-22', countingWindow: 'calendar-year', thresholds: [{ metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'standard-contract' }, { metric: 'personalInfoSubjects', atLeast: 1_000_000, requirement: 'security-assessment' }, { metric: 'sensitivePersonalInfoSubjects', atLeast: 1, requirement: 'standard-contract' }, { metric: 'sensitivePersonalInfoSubjects', atLeast: 10_000, requirement: 'security-assessment' }], exemptPurposes: ['contract-necessity', 'cross-border-hr', 'emergency'] } },
    { type: 'DataDesignated', data: { designationId: 'cn-auto-data-conservative', field: 'icv', classification: 'important', effectiveFrom: '2021-10-01' } },
    { type: 'DataDesignated', data: { designationId: 'cn-auto-road-data-exterior-video', field: 'icv', category: 'road/exterior-video', classification: 'important', effectiveFrom: '2021-10-01' } },
    { type: 'DataDesignated', data: { designationId: 'cn-auto-road-data-fleet-trajectories', field: 'icv', category: 'road/fleet-trajectories', classification: 'important', effectiveFrom: '2021-10-01' } },
    { type: 'DataListPublished', data: { listId: 'lingang-gdl-2024', kind: 'general', title: 'Lingang general data list', zones: ['cn-shanghai-lingang'], effectiveFrom: '2024-05-17', effectiveUntil: '2025-05-17', termMonths: 12, entries: [...LINGANG_CATEGORIES.map((category) => ({ field: 'icv', category })), { field: 'public-funds', category: 'fund-market-research' }, { field: 'biomedicine', category: 'clinical-trials-rnd' }] } },
  ];
  for (let i = 0; i < 300; i++) {
    events.push({ type: 'CompanyRegistered', data: { companyId: companyId(i * Math.floor(COMPANIES / 300 || 1) % COMPANIES), zoneId: i === 0 ? 'cn-shanghai-lingang' : pick(ZONES), effectiveFrom: date('2015-01-01', 3000) } });
  }
  for (let i = 0; i < 60; i++) {
    const field = pick(FIELDS.slice(3));
    events.push({ type: 'DataDesignated', data: { designationId: `designation-${i}`, field, ...(next() < 0.7 ? { category: pick(CATEGORIES) } : {}), classification: next() < 0.1 ? 'core' : 'important', effectiveFrom: date('2021-01-01', 1200) } });
  }
  for (let i = 0; i < 8; i++) {
    const entries: DataEntry[] = Array.from({ length: 6 }, () => ({ field: pick(FIELDS), category: pick(CATEGORIES) }));
    const from = date('2023-01-01', 700);
    events.push({ type: 'DataListPublished', data: { listId: `list-${i}`, kind: i % 3 === 0 ? 'negative' : 'general', title: `list ${i}`, zones: [pick(ZONES.slice(1))], effectiveFrom: from, effectiveUntil: addDays(from, 365), termMonths: 12, entries } });
    events.push({ type: 'DataListExpanded', data: { listId: `list-${i}`, effectiveFrom: addDays(from, 60), entries: [{ field: pick(FIELDS), category: pick(CATEGORIES) }] } });
    events.push({ type: 'DataListEntriesWithdrawn', data: { listId: `list-${i}`, effectiveFrom: addDays(from, 120), entries: [entries[0]] } });
    events.push({ type: 'DataListExtended', data: { listId: `list-${i}`, effectiveUntil: addDays(from, 730), previousUntil: addDays(from, 365) } });
  }
  for (let i = 0; i < 120; i++) {
    const from = date('2022-06-01', 900);
    events.push({ type: 'InstrumentGranted', data: { instrumentId: `instrument-${i}`, companyId: companyId(Math.floor(next() * COMPANIES)), kind: pick(['security-assessment', 'standard-contract', 'certification'] as const), scope: next() < 0.5 ? {} : { fields: [pick(FIELDS)], destinations: [pick(DESTINATIONS)] }, effectiveFrom: from, effectiveUntil: addDays(from, 1095) } });
  }
  for (let i = 0; i < 20; i++) events.push({ type: 'InstrumentRevoked', data: { instrumentId: `instrument-${i * 5}`, effectiveFrom: date('2024-06-01', 300) } });
  for (let i = 0; i < 20; i++) events.push({ type: 'CompanyDesignatedCiio', data: { companyId: companyId(1 + i * 37), effectiveFrom: date('2023-01-01', 500) } });
  events.push({ type: 'DataListExtended', data: { listId: 'lingang-gdl-2024', effectiveUntil: '2026-05-17', previousUntil: '2025-05-17' } });
  return events;
}

/** A transfer a company might declare; about one in ten is back-filled (dated before the company's latest). */
export function transferMaker(next: () => number) {
  const lastDay = new Int32Array(COMPANIES).fill(0);
  return (n: number): DeclaredTransfer & { transferId: string } => {
    const company = n % COMPANIES;
    const back = next() < 0.1;
    lastDay[company] = Math.min(1095, lastDay[company] + (next() < 0.4 ? 1 : 0));
    const day = back ? Math.max(0, lastDay[company] - Math.floor(next() * 60)) : lastDay[company];
    const field = company === 0 || next() < 0.3 ? 'icv' : FIELDS[Math.floor(next() * FIELDS.length)];
    const category = field === 'icv' ? LINGANG_CATEGORIES[Math.floor(next() * LINGANG_CATEGORIES.length)] : CATEGORIES[Math.floor(next() * CATEGORIES.length)];
    const seconds = Math.floor(next() * 86_400);
    const instant = new Date(Date.parse(`${addDays('2023-01-01', day)}T00:00:00+08:00`) + seconds * 1000).toISOString();
    return {
      transferId: `t-${n}`,
      companyId: companyId(company),
      field,
      category,
      destination: DESTINATIONS[Math.floor(next() * DESTINATIONS.length)],
      occurredAt: instant,
      personalInfoSubjects: next() < 0.5 ? 0 : Math.floor(next() * 3000),
      sensitivePersonalInfoSubjects: next() < 0.9 ? 0 : Math.floor(next() * 50),
      importantData: next() < 0.02,
      purpose: next() < 0.9 ? 'ordinary' : 'contract-necessity',
    };
  };
}

const json = (value: object) => JSON.parse(JSON.stringify(value));

/**
 * UUID v7 ids (time-ordered, as src/common/ids.ts makes them) with the random bits drawn from a
 * pool: one crypto call per 4,096 ids instead of one per id, which the fill would otherwise spend
 * a good part of its time on.
 */
class BenchIds {
  private pool = randomBytes(16 * 4096);
  private used = 0;
  private sequence = 0;
  next(): string {
    if (this.used === 4096) {
      this.pool = randomBytes(16 * 4096);
      this.used = 0;
    }
    const bytes = this.pool.subarray(this.used * 16, ++this.used * 16);
    const ms = Date.now();
    bytes.writeUIntBE(ms, 0, 6);
    this.sequence = (this.sequence + 1) & 0xfff;
    bytes[6] = 0x70 | (this.sequence >> 8);
    bytes[7] = this.sequence & 0xff;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const h = bytes.toString('hex');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  }
}

/**
 * Fills the store as the ledger would write it: policy events through the port, in their fact
 * streams; then every transfer in its own stream `transfer-<id>` with a verdict (see below), and a
 * correction now and then. The port appends to one
 * stream per call, so a million transfer streams would take most of the time budget one
 * transaction each: transfers are inserted in transactions of 5,000 rows, in the adapter's own
 * schema and hash chain (sqlite-schema.ts, hash-chain.ts), which is what the adapter would store.
 */
export async function fill(path: string): Promise<{ events: number; seconds: number }> {
  const next = random(2024);
  const projections = new LegalityProjections();
  const started = performance.now();
  let events = 0;
  const store = await createEventStore(`sqlite:${path}`);
  for (const event of policyHistory(next)) {
    const [kind, id] = factKeyOf(event).split(/:(.*)/s);
    const result = await store.append(`${kind}-${id}`, [{ id: uuidv7(), type: event.type, data: json(event.data) }]);
    for (const recorded of result.events) projections.apply(recorded);
    events++;
  }
  await store.close();

  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const insert = db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const hashes = new Map<string, { revision: bigint; hash: string }>(); // the heads of recent transfer streams, for corrections
  const metadataJson = canonicalJson({ actor: { role: 'service', keyId: 'bench' } });
  const ids = new BenchIds();
  const write = (stream: string, type: string, data: JsonObject, dataJson = canonicalJson(data)): void => {
    const head = hashes.get(stream);
    const revision = head ? head.revision + 1n : 0n;
    const hash = hashCanonicalEvent(stream, revision, type, dataJson, metadataJson, head?.hash ?? GENESIS_HASH);
    const id = ids.next();
    const recordedAt = Date.now();
    const position = BigInt(insert.run(id, stream, revision, type, dataJson, metadataJson, recordedAt, hash).lastInsertRowid);
    hashes.set(stream, { revision, hash });
    projections.apply({ id, type, stream, revision, position, recordedAt: new Date(recordedAt), data, metadata: {}, hash });
    events++;
  };
  const make = transferMaker(next);
  let verdict: Verdict | undefined;
  let verdictJson = '';
  const batch = db.transaction((from: number, to: number) => {
    for (let n = from; n < to; n++) {
      const t = toTransferUnderEvaluation(make(n));
      // Every 16th transfer gets the verdict of its moment; the others carry a copy of the latest
      // one (same size and shape): the legality projections never read stored verdicts, and
      // evaluating each would double the fill time.
      if (n % 16 === 0 || verdict === undefined) {
        verdict = projections.evaluateNew(t, projections.reached);
        verdictJson = canonicalJson(verdict as unknown as JsonObject);
      }
      const { date, ...declaration } = t;
      // `verdict` sorts last among the keys: the canonical JSON is the declaration's plus the verdict's.
      const dataJson = `${canonicalJson({ ...declaration, date }).slice(0, -1)},"verdict":${verdictJson}}`;
      const data = { ...declaration, date, verdict } as unknown as JsonObject;
      if (n % 4096 === 0 && dataJson !== canonicalJson(data)) throw new Error('the spliced JSON of a transfer is not its canonical JSON');
      write(`transfer-${t.transferId}`, 'TransferRecorded', data, dataJson);
      if (n % 1000 === 999) {
        const target = `t-${n - Math.floor(next() * 500)}`;
        write(`transfer-${target}`, 'TransferCorrected', { transferId: target, correctionId: ids.next(), changes: { personalInfoSubjects: Math.floor(next() * 3000) } });
      }
      if (hashes.size > 5000) hashes.clear(); // corrections reach back 500 transfers at most
    }
  });
  for (let from = 0; from < TRANSFERS; from += 5000) {
    batch(from, Math.min(TRANSFERS, from + 5000));
    if (from % 100_000 === 95_000) process.stdout.write(`  legality bench: filled ${from + 5000} transfers (${((performance.now() - started) / 1000).toFixed(0)} s)\n`);
  }
  db.close();
  return { events, seconds: (performance.now() - started) / 1000 };
}

/** Reads the whole log through a subscription from the start, handing each event to `handle`. */
export async function readThrough(store: EventStore, handle: (event: Parameters<LegalityProjections['apply']>[0]) => void): Promise<number> {
  const started = performance.now();
  const subscription = store.subscribeToAll({ from: 'start' }, handle);
  await subscription.caughtUp;
  await subscription.stop();
  return (performance.now() - started) / 1000;
}

/** The naive evaluator: replays the whole log up to the cut into fresh projections for every question. */
async function naiveEvaluate(store: EventStore, declared: DeclaredTransfer, cut: bigint): Promise<Verdict> {
  const projections = new LegalityProjections();
  let from = 0n;
  for (;;) {
    const page = await store.readAll({ fromPosition: from, maxCount: 5000 });
    for (const event of page) if (event.position <= cut) projections.apply(event);
    if (page.length < 5000 || page[page.length - 1].position >= cut) break;
    from = page[page.length - 1].position + 1n;
  }
  return projections.evaluateNew(toTransferUnderEvaluation(declared), cut);
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function runLegalityBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'legality-bench-'));
  const path = join(dir, 'ledger.sqlite');
  const url = `sqlite:${path}`;
  const questions = Array.from({ length: IN_PROCESS_QUESTIONS }, (_, i) => transferMaker(random(7 + i))(i));
  try {
    process.stdout.write(`legality bench: ${TRANSFERS} transfers across ${COMPANIES} companies\n`);
    const filled = await fill(path);
    const store = await createEventStore(url);
    const head = (await store.headPosition()) ?? 0n;
    process.stdout.write(`  filled ${filled.events} events in ${filled.seconds.toFixed(1)} s (${Math.round(filled.events / filled.seconds)} events/s, one transfer in 16 evaluated as it is recorded)\n`);

    // (b) and (c): raw reading, then a full rebuild, with the memory it keeps.
    let read = 0;
    const rawSeconds = await readThrough(store, () => void read++);
    gc();
    gc();
    const before = process.memoryUsage();
    const projections = new LegalityProjections();
    const rebuildSeconds = await readThrough(store, (event) => projections.apply(event));
    gc();
    gc();
    const after = process.memoryUsage();
    const retained = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);

    // (a) in process: hypothetical questions at the head and recorded transfers at random cuts.
    const inProcessStarted = performance.now();
    for (const question of questions) projections.evaluateNew(toTransferUnderEvaluation(question), head);
    const inProcessSeconds = (performance.now() - inProcessStarted) / 1000;
    const recordedStarted = performance.now();
    const pickCut = random(99);
    for (let i = 0; i < IN_PROCESS_QUESTIONS; i++) projections.evaluateRecorded(`t-${Math.floor(pickCut() * TRANSFERS)}`, BigInt(Math.floor(pickCut() * Number(head))));
    const recordedSeconds = (performance.now() - recordedStarted) / 1000;

    const naiveTimes: number[] = [];
    for (let i = 0; i < NAIVE_QUESTIONS; i++) {
      const started = performance.now();
      const naive = await naiveEvaluate(store, questions[i], head);
      naiveTimes.push((performance.now() - started) / 1000);
      const fast = projections.evaluateNew(toTransferUnderEvaluation(questions[i]), head);
      if (JSON.stringify(naive) !== JSON.stringify(fast)) throw new Error(`the naive and the projected evaluators disagree on question ${i}`);
    }
    await store.close();

    // (a) over HTTP: the real app booted on the filled file.
    const logger = new JsonLogger('warn');
    const key = 'bench-auditor-key-0123456789abcdef';
    const bootStarted = performance.now();
    const app = await NestFactory.create<NestExpressApplication>(
      AppModule.forRoot({ port: 0, eventStoreUrl: url, apiKeys: [{ key, role: 'auditor' }], seed: 'none', logLevel: 'warn' }, { logger }),
      { logger },
    );
    configureApp(app);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const ask = async ({ transferId: _id, ...question }: DeclaredTransfer) => {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/v1/legality/evaluate`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(question),
      });
      if (response.status !== 200) throw new Error(`POST /v1/legality/evaluate answered ${response.status}: ${await response.text()}`);
      await response.json();
      return (performance.now() - started) / 1000;
    };
    await ask(questions[0]); // waits for the app's own catch-up
    const bootSeconds = (performance.now() - bootStarted) / 1000;
    const latencies: number[] = [];
    for (let i = 0; i < HTTP_REQUESTS; i++) latencies.push(await ask(questions[i % questions.length]));
    await app.close();

    const events = Number(read);
    const perSecond = IN_PROCESS_QUESTIONS / inProcessSeconds;
    const naivePerSecond = 1 / median(naiveTimes);
    const rows: [string, string, string, string][] = [
      ['evaluations/s in process (hypothetical, at head)', perSecond.toFixed(0), `naive replay: ${naivePerSecond.toFixed(3)}/s`, `${Math.round(perSecond / naivePerSecond)}× (target ≥ 1000×)`],
      ['evaluations/s in process (recorded, random cuts)', (IN_PROCESS_QUESTIONS / recordedSeconds).toFixed(0), '', ''],
      ['POST /v1/legality/evaluate median latency', `${(median(latencies) * 1000).toFixed(2)} ms`, `naive replay: ${(median(naiveTimes) * 1000).toFixed(0)} ms`, `${Math.round(median(naiveTimes) / median(latencies))}×`],
      ['full projection rebuild (events/s)', (events / rebuildSeconds).toFixed(0), `raw read: ${(events / rawSeconds).toFixed(0)}`, `${(rawSeconds / rebuildSeconds).toFixed(2)} (target ≥ 0.5)`],
      ['memory retained per transfer (heap + array buffers)', `${(retained / TRANSFERS).toFixed(0)} B`, `total ${mb(retained)}`, 'target < 1024 B'],
      ['app boot to first answer (includes catch-up)', `${bootSeconds.toFixed(1)} s`, '', ''],
    ];
    printTable(`legality (${events} events, ${TRANSFERS} transfers, ${COMPANIES} companies; rss now ${mb(process.memoryUsage().rss)})`, rows);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, runLegalityBench);
