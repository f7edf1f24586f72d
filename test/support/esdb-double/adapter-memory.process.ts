/**
 * Measures what the adapter keeps in memory while it appends to a server holding a long log, in a
 * process of its own (full speed, a collection on demand with --expose-gc, nothing of jest's on
 * the heap):
 *
 *   node --expose-gc --import tsx test/support/esdb-double/adapter-memory.process.ts <events> [connection string]
 *
 * Without a connection string it starts the protocol double in this process and fills it
 * directly (its data is allocated before the measurement starts); with one it fills that server
 * through the port. Then a fresh store makes appends of every kind (new streams, exact revisions,
 * repeats of both, `any`) while the live heap is sampled. Prints one JSON line:
 * {events, keptBytes, heldAtOnceBytes}.
 */
import { randomUUID } from 'node:crypto';
import { createEventStore } from '../../../src/event-store/event-store.factory.js';
import type { EventStore, EventToAppend } from '../../../src/event-store/event-store.port.js';
import { uuidv7 } from '../../../src/common/ids.js';
import { startEsdbDouble, type EsdbDouble } from './esdb-double.js';

const total = Number(process.argv[2] ?? 200_000);
const given = process.argv[3];
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const liveHeap = (): number => {
  gc();
  return process.memoryUsage().heapUsed;
};

const prefix = `memory-${randomUUID().slice(0, 8)}-`;
const BATCH = 2_000;
const note = 'x'.repeat(100);
const batchOf = (from: number): EventToAppend[] => Array.from({ length: BATCH }, (_, i) => ({ id: uuidv7(), type: 'Filled', data: { n: from + i, note } }));

let double: EsdbDouble | undefined;
let url = given;
if (url === undefined) {
  double = await startEsdbDouble({ features: 'batch-append' });
  url = double.url;
  // What the adapter writes, without the adapter: JSON data and the ledger's hash in the metadata.
  const metadata = Buffer.from(JSON.stringify({ $ledgerHash: 'f'.repeat(64) }));
  for (let written = 0; written < total; written += BATCH) {
    double.writeRaw(
      `${prefix}fill-${(written / BATCH) % 20}`,
      batchOf(written).map((event) => ({
        id: event.id,
        type: event.type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(event.data)),
        customMetadata: metadata,
      })),
    );
  }
} else {
  const writer = await createEventStore(url, { ledgerStreamPrefixes: [prefix] });
  for (let written = 0; written < total; written += BATCH) await writer.append(`${prefix}fill-${(written / BATCH) % 20}`, batchOf(written));
  await writer.close();
}

const fresh: EventStore = await createEventStore(url, { ledgerStreamPrefixes: [prefix] });
const before = liveHeap();
// Sampled during the appends (a collection first, so it is live memory). A full collection takes
// a while on this heap; one a second is enough to see a log read into memory grow.
let peak = 0;
const sampler = setInterval(() => {
  peak = Math.max(peak, liveHeap());
}, 1_000);
for (let i = 0; i < 10; i++) {
  const stream = `${prefix}after-${i}`;
  const first = [{ id: uuidv7(), type: 'Probe', data: { i } }];
  const second = [{ id: uuidv7(), type: 'Probe', data: { i, again: true } }];
  await fresh.append(stream, first, { expectedRevision: 'no-stream' });
  await fresh.append(stream, second, { expectedRevision: 0n });
  await fresh.append(stream, first, { expectedRevision: 'no-stream' });
  await fresh.append(stream, second, { expectedRevision: 0n });
  await fresh.append(stream, [{ id: uuidv7(), type: 'Probe', data: {} }]);
  // A long stream of the log appended to with `any`: read whole, in pages, for the ids.
  if (i % 3 === 0) await fresh.append(`${prefix}fill-${i % 20}`, [{ id: uuidv7(), type: 'Probe', data: { i } }]);
}
clearInterval(sampler);
const kept = liveHeap();
process.stdout.write(`${JSON.stringify({ events: total, keptBytes: kept - before, heldAtOnceBytes: Math.max(peak, kept) - kept })}\n`);
await fresh.close();
await double?.close();
