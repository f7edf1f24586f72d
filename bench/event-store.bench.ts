import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventStore } from '../src/event-store/event-store.factory.js';
import type { EventStore, EventToAppend, Revision } from '../src/event-store/event-store.port.js';
import { prepareDatabase } from '../src/event-store/sqlite/sqlite-schema.js';
import { uuidv7 } from '../src/common/ids.js';
import { runWhenMain } from './run-when-main.js';

/**
 * The SQLite adapter beside raw better-sqlite3 doing the same SQL on the same schema, in the same
 * run (absolute figures drift ±15–25% between runs on these machines; ratios in one run do not):
 * - appends with one event per append (20k events over 2k streams, expected revision checked);
 * - appends of 100 events per append (100k events over 1k streams);
 * - reading the whole global log in position order, pages of 1,000, parsing data and metadata.
 * Raw does the same statements in the same BEGIN IMMEDIATE transactions (head lookup, expected
 * revision check, last recordedAt, inserts) but none of the adapter's own work: no validation,
 * no canonical JSON (JSON.stringify), no hashing (a constant hash), no port objects.
 * Each side writes its own fresh file; each figure is the median of three rounds.
 */

const ROUNDS = 3;
export const SINGLE = { events: 20_000, streams: 2_000, perAppend: 1 };
export const BATCHED = { events: 100_000, streams: 1_000, perAppend: 100 };
const READ_PAGE = 1_000;
const CONSTANT_HASH = 'f'.repeat(64);

export interface Workload {
  readonly events: number;
  readonly streams: number;
  readonly perAppend: number;
}

/** A `TransferRecorded` event as the legality projections read it, about 400 bytes of JSON. */
export function makeEvent(n: number): EventToAppend {
  return {
    id: uuidv7(),
    type: 'TransferRecorded',
    data: {
      transferId: `t-${n}`,
      companyId: `c-${n % 997}`,
      field: 'customer-profile',
      category: 'contact-details',
      destination: 'DE',
      occurredAt: '2025-05-16T17:30:00+08:00',
      personalInfoSubjects: n % 5000,
      sensitivePersonalInfoSubjects: n % 7,
      importantData: false,
      purpose: 'ordinary',
      date: '2025-05-17',
      verdict: { legal: true, requirement: 'standard-contract', classification: 'general', position: String(n) },
    },
    metadata: { actor: { role: 'service', keyId: 'key-1', companyId: `c-${n % 997}` }, commandId: `cmd-${n}` },
  };
}

/** The appends of a workload, made before timing: `perAppend` events to stream `i % streams`. */
export function plan(workload: Workload): { stream: string; events: EventToAppend[] }[] {
  const appends = [];
  for (let n = 0; n < workload.events; n += workload.perAppend) {
    const events = Array.from({ length: workload.perAppend }, (_, i) => makeEvent(n + i));
    appends.push({ stream: `transfer-${(n / workload.perAppend) % workload.streams}`, events });
  }
  return appends;
}

const seconds = (started: number): number => (performance.now() - started) / 1000;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function adapterAppends(path: string, workload: Workload): Promise<number> {
  const store = await createEventStore(`sqlite:${path}`);
  const appends = plan(workload);
  const revisions = new Map<string, Revision>();
  gc();
  const started = performance.now();
  for (const { stream, events } of appends) {
    const result = await store.append(stream, events, { expectedRevision: revisions.get(stream) ?? 'no-stream' });
    revisions.set(stream, result.nextExpectedRevision);
  }
  const elapsed = seconds(started);
  await store.close();
  return workload.events / elapsed;
}

function openRaw(path: string): Database.Database {
  const db = new Database(path);
  prepareDatabase(db, 'normal');
  db.defaultSafeIntegers(true);
  return db;
}

async function rawAppends(path: string, workload: Workload): Promise<number> {
  const db = openRaw(path);
  const head = db.prepare<[string], { revision: bigint; hash: string }>('SELECT revision, hash FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1');
  const lastRecordedAt = db.prepare<[], { recorded_at: bigint }>('SELECT recorded_at FROM events ORDER BY position DESC LIMIT 1');
  const insert = db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata, recorded_at, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const append = db.transaction((stream: string, expected: bigint, events: readonly EventToAppend[]): bigint => {
    const current = head.get(stream)?.revision ?? -1n;
    if (current !== expected) throw new Error(`raw: expected ${expected}, actual ${current}`);
    lastRecordedAt.get();
    const now = Date.now();
    let revision = current;
    for (const event of events) {
      revision++;
      insert.run(event.id, stream, revision, event.type, JSON.stringify(event.data), JSON.stringify(event.metadata), now, CONSTANT_HASH);
    }
    return revision;
  }).immediate;
  const appends = plan(workload);
  const revisions = new Map<string, bigint>();
  gc();
  const started = performance.now();
  for (const { stream, events } of appends) revisions.set(stream, append(stream, revisions.get(stream) ?? -1n, events));
  const elapsed = seconds(started);
  db.close();
  return workload.events / elapsed;
}

async function adapterReads(store: EventStore): Promise<number> {
  gc();
  const started = performance.now();
  let count = 0;
  for (let from = 0n; ; ) {
    const page = await store.readAll({ fromPosition: from, maxCount: READ_PAGE });
    count += page.length;
    if (page.length < READ_PAGE) break;
    from = page[page.length - 1].position + 1n;
  }
  return count / seconds(started);
}

function rawReads(db: Database.Database): number {
  const select = db.prepare<[bigint, number], { position: bigint; data: string; metadata: string }>(
    'SELECT position, id, stream, revision, type, data, metadata, recorded_at, hash FROM events WHERE position >= ? ORDER BY position LIMIT ?',
  );
  gc();
  const started = performance.now();
  let count = 0;
  for (let from = 0n; ; ) {
    const page = select.all(from, READ_PAGE);
    // Parsed into a page of values, as the adapter hands back a page of events.
    const parsed = page.map((row) => [JSON.parse(row.data), JSON.parse(row.metadata)]);
    count += parsed.length;
    if (page.length < READ_PAGE) break;
    from = page[page.length - 1].position + 1n;
  }
  return count / seconds(started);
}

interface Row {
  readonly workload: string;
  readonly adapter: number;
  readonly raw: number;
  readonly target?: number;
}

const format = (n: number): string => Math.round(n).toLocaleString('en-US');

export async function runEventStoreBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'event-store-bench-'));
  const figures = { single: [[], []], batched: [[], []], reads: [[], []] } as Record<string, [number[], number[]]>;
  try {
    process.stdout.write(`event store bench: SQLite adapter vs raw better-sqlite3, ${ROUNDS} rounds, file in ${tmpdir()}\n`);
    for (let round = 0; round < ROUNDS; round++) {
      const file = (name: string): string => join(dir, `${name}-${round}.sqlite`);
      figures.single[0].push(await adapterAppends(file('adapter-single'), SINGLE));
      figures.single[1].push(await rawAppends(file('raw-single'), SINGLE));
      figures.batched[0].push(await adapterAppends(file('adapter-batched'), BATCHED));
      figures.batched[1].push(await rawAppends(file('raw-batched'), BATCHED));
      // Both read the same file (the adapter's batched one): identical rows.
      const store = await createEventStore(`sqlite:${file('adapter-batched')}`);
      figures.reads[0].push(await adapterReads(store));
      await store.close();
      const db = openRaw(file('adapter-batched'));
      figures.reads[1].push(rawReads(db));
      db.close();
      process.stdout.write(`  round ${round + 1} done\n`);
    }
    const rows: Row[] = [
      { workload: `append, 1 event per append (${format(SINGLE.events)} events, ${format(SINGLE.streams)} streams)`, adapter: median(figures.single[0]), raw: median(figures.single[1]) },
      { workload: `append, 100 events per append (${format(BATCHED.events)} events, ${format(BATCHED.streams)} streams)`, adapter: median(figures.batched[0]), raw: median(figures.batched[1]), target: 0.5 },
      { workload: `read the global log, pages of ${format(READ_PAGE)} (${format(BATCHED.events)} events)`, adapter: median(figures.reads[0]), raw: median(figures.reads[1]), target: 0.5 },
    ];
    process.stdout.write('\n| workload | adapter events/s | raw events/s | adapter/raw | target |\n| --- | ---: | ---: | ---: | --- |\n');
    for (const row of rows) {
      const ratio = row.adapter / row.raw;
      const verdict = row.target === undefined ? '' : `≥ ${row.target} ${ratio >= row.target ? 'met' : 'NOT MET'}`;
      process.stdout.write(`| ${row.workload} | ${format(row.adapter)} | ${format(row.raw)} | ${ratio.toFixed(2)} | ${verdict} |\n`);
    }
    process.stdout.write('(medians; the adapter validates, writes canonical JSON and hash-chains every event; raw does the same SQL only)\n\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, runEventStoreBench);
