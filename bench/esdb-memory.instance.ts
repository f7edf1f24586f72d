import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { generateKeyPairSync } from 'node:crypto';
import { AppModule } from '../src/app.module.js';
import { uuidv7 } from '../src/common/ids.js';
import { createEventStore } from '../src/event-store/event-store.factory.js';
import { EVENT_STORE, type EventStore } from '../src/event-store/event-store.port.js';
import { KnowledgeCuts } from '../src/knowledge-cut/knowledge-cuts.js';
import { LEDGER_STREAM_PREFIXES } from '../src/ledger-streams.js';
import { JsonLogger } from '../src/logging/json.logger.js';

/**
 * One ledger instance's memory on an EventStoreDB that already holds a log, in a process of its
 * own (run by esdb-memory.bench.ts: `node --expose-gc dist/bench/esdb-memory.instance.js <url>`).
 * Live heap after a full collection, and RSS, at three points:
 *   1. modules loaded (the baseline);
 *   2. the adapter alone after appends of every kind (new streams, exact revisions, repeats,
 *      `any`), which is what the adapter holds with the log behind it;
 *   3. the whole ledger booted on the same server and caught up (its read model replays the log),
 *      then after the same appends again through the app's own store.
 * Prints one JSON line.
 */
const url = process.argv[2];
const gc = (globalThis as { gc?: () => void }).gc;
if (!url || !gc) throw new Error('usage: node --expose-gc esdb-memory.instance.js <esdb url>');
const sample = () => {
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heapUsed, rss };
};

/** Appends of every kind the ledger makes, and repeats of them, to fresh streams. */
async function appendsOfEveryKind(store: EventStore, rounds: number): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    const stream = `bench-probe-${uuidv7()}`;
    const first = [{ id: uuidv7(), type: 'BenchProbe', data: { i } }];
    await store.append(stream, first, { expectedRevision: 'no-stream' });
    const second = [{ id: uuidv7(), type: 'BenchProbe', data: { i, again: true } }];
    await store.append(stream, second, { expectedRevision: 0n });
    await store.append(stream, first, { expectedRevision: 'no-stream' }); // a repeat
    await store.append(stream, second, { expectedRevision: 0n }); // a repeat
    await store.append(stream, [{ id: uuidv7(), type: 'BenchProbe', data: { i } }]); // any
  }
  await store.headPosition();
}

const base = sample();
const store = await createEventStore(url, { ledgerStreamPrefixes: LEDGER_STREAM_PREFIXES });
let started = performance.now();
await appendsOfEveryKind(store, 100);
const appendMs = (performance.now() - started) / 500;
const adapter = sample();

started = performance.now();
const app = await NestFactory.create(
  AppModule.forRoot(
    {
      port: 0,
      eventStoreUrl: url,
      apiKeys: [{ key: 'bench-auditor-key-0123456789abcdef', role: 'auditor' }],
      seed: 'none',
      logLevel: 'warn',
      signingKey: generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      sealEveryEvents: 0,
      sealEverySeconds: 0,
    },
    { logger: new JsonLogger('warn') },
  ),
  { logger: false },
);
await app.init();
const head = await app.get(KnowledgeCuts).catchUp();
const bootSeconds = (performance.now() - started) / 1000;
const booted = sample();
await appendsOfEveryKind(app.get<EventStore>(EVENT_STORE), 100);
await app.get(KnowledgeCuts).catchUp();
const afterAppends = sample();
process.stdout.write(`${JSON.stringify({ head: head.toString(), appendMs, bootSeconds, base, adapter, booted, afterAppends })}\n`);
await app.close();
await store.close();
