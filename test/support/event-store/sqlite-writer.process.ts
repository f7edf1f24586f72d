/**
 * A writer process for the crash and multi-process tests (run with `node --import tsx`).
 *
 *   sqlite-writer.process.ts <file> <writer> <appends|forever> <stream,stream,…>
 *
 * Appends 1–4 events at a time, cycling over the streams, each with the expected revision it last
 * saw; on a conflict it re-reads the stream and tries again with new ids (as a command handler
 * does). Every 7th append is sent twice with the same ids, as a client retrying after a lost
 * answer, and the repeat must answer exactly as the original did. After each acknowledged append
 * it prints one JSON line `{"stream", "position", "ids"}` (stdout to a pipe is synchronous on
 * Linux, so a printed line is an acknowledged, committed append). Last line: `{"done", "conflicts"}`.
 * It first prints `{"ready"}` and waits for a line on stdin, so that the test can start several
 * writers at the same moment.
 */
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store.js';
import {
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type ExpectedRevision,
  type EventStore,
} from '../../../src/event-store/event-store.port.js';
import { uuidv7 } from '../../../src/common/ids.js';

/** One line a writer prints per acknowledged append. */
export interface WriterAck {
  readonly stream: string;
  readonly position: string;
  readonly ids: string[];
}

async function lastRevision(store: EventStore, stream: string): Promise<ExpectedRevision> {
  try {
    const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
    return last.revision;
  } catch (error) {
    if (error instanceof StreamNotFoundError) return 'no-stream';
    throw error;
  }
}

async function main(): Promise<void> {
  const [file, writer, appendsArg, streamsArg] = process.argv.slice(2);
  const appends = appendsArg === 'forever' ? Number.POSITIVE_INFINITY : Number(appendsArg);
  const streams = streamsArg.split(',');
  const store = new SqliteEventStore({ path: file });
  process.stdout.write(JSON.stringify({ ready: writer }) + '\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();
  const known = new Map<string, ExpectedRevision>();
  let conflicts = 0;
  for (let n = 0; n < appends; n++) {
    const stream = streams[n % streams.length];
    for (;;) {
      const expectedRevision = known.get(stream) ?? (await lastRevision(store, stream));
      const batch = Array.from({ length: 1 + (n % 4) }, (_, i) => ({
        id: uuidv7(),
        type: 'WriterAppended',
        data: { writer, n, i, text: `写入者 ${writer} ✓` },
        metadata: { writer },
      }));
      try {
        const result = await store.append(stream, batch, { expectedRevision });
        if (n % 7 === 0) {
          const repeat = await store.append(stream, batch, { expectedRevision });
          if (repeat.position !== result.position || repeat.nextExpectedRevision !== result.nextExpectedRevision) {
            throw new Error(`repeat of append ${n} answered differently`);
          }
        }
        known.set(stream, result.nextExpectedRevision);
        const ack: WriterAck = { stream, position: result.position.toString(), ids: result.events.map((e) => e.id) };
        process.stdout.write(JSON.stringify(ack) + '\n');
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        conflicts++;
        known.delete(stream);
      }
    }
  }
  process.stdout.write(JSON.stringify({ done: writer, conflicts }) + '\n');
  await store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
