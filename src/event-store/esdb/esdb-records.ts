import type { Position as EsdbPosition, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { MalformedEventError, type JsonObject, type Position, type RecordedEvent } from '../event-store.port.js';
import type { ForeignEventLog } from './foreign-event-log.js';

/**
 * Where the ledger's hash travels inside EventStoreDB: a reserved key of the event's metadata,
 * removed again on read so that `metadata` round-trips exactly as the writer gave it.
 */
export const HASH_KEY = '$ledgerHash';

/** The largest uint64: what servers before 22.6 sent as "no position" on stream reads. */
const NO_POSITION = 2n ** 64n - 1n;

/**
 * The port's Position is the EventStoreDB commit position. Every event appended through the gRPC
 * API is an implicitly committed prepare, for which the server reports commit = prepare = that
 * prepare's log position (one distinct position per event, also within a multi-event append).
 * That is what lets the adapter turn a port position back into the `{commit, prepare}` pair the
 * client needs. Explicit (TCP-era) transactions break that equality; the ledger never writes them.
 */
export const toEsdbPosition = (position: Position): EsdbPosition => ({ commit: position, prepare: position });

/** System events (`$`-prefixed types, or anything in a `$` system stream) belong to the server. */
export const isSystemEvent = (event: EsdbRecordedEvent): boolean => event.type.startsWith('$') || event.streamId.startsWith('$');

/** What an event of $all is to the ledger. */
export type Classified =
  | { readonly kind: 'ledger'; readonly event: RecordedEvent }
  | { readonly kind: 'malformed'; readonly error: MalformedEventError; readonly id: string; readonly stream: string; readonly revision: bigint }
  | { readonly kind: 'skipped' };

const SKIPPED: Classified = { kind: 'skipped' };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/**
 * Tells the ledger's events from everything else a shared EventStoreDB holds. An event is the
 * ledger's when its stream has one of the ledger's prefixes (`regime-`, `transfer-`, …) or when
 * it carries the ledger's hash (written through this adapter, to a stream of any name). Anything
 * else is foreign (another application's streams, non-JSON, unknown types): skipped, and counted
 * in the log. System events are skipped without a word.
 */
export class LedgerEvents {
  constructor(
    private readonly prefixes: readonly string[],
    private readonly foreign: ForeignEventLog,
  ) {}

  isLedgerStream(stream: string): boolean {
    return this.prefixes.some((prefix) => stream.startsWith(prefix));
  }

  /** An event of $all: the ledger's (converted), malformed (in a ledger stream), or skipped. */
  classify(event: EsdbRecordedEvent): Classified {
    if (isSystemEvent(event)) return SKIPPED;
    const metadata = event.metadata;
    const hashed = isObject(metadata) && typeof metadata[HASH_KEY] === 'string';
    if (!hashed && !this.isLedgerStream(event.streamId)) {
      this.foreign.skipped(event);
      return SKIPPED;
    }
    const position = positionOf(event);
    const problem = this.problemOf(event);
    if (problem === undefined) return { kind: 'ledger', event: convert(event, position) };
    const error = new MalformedEventError(event.streamId, event.revision, event.id, position, problem);
    return { kind: 'malformed', error, id: event.id, stream: event.streamId, revision: event.revision };
  }

  /** An event read from one of the ledger's streams: the ledger's, or MalformedEventError. */
  strict(event: EsdbRecordedEvent): RecordedEvent {
    const position = positionOf(event);
    const problem = this.problemOf(event);
    if (problem !== undefined) throw new MalformedEventError(event.streamId, event.revision, event.id, position, problem);
    return convert(event, position);
  }

  private problemOf(event: EsdbRecordedEvent): string | undefined {
    if (!event.isJson) return `its content type is not application/json (type ${event.type})`;
    if (!isObject(event.data)) return `its data is not a JSON object (type ${event.type})`;
    if (event.metadata !== undefined && !isObject(event.metadata)) return `its metadata is not a JSON object (type ${event.type})`;
    return undefined;
  }
}

function positionOf(event: EsdbRecordedEvent): Position {
  const position = event.position?.commit;
  if (position === undefined || position >= NO_POSITION) {
    throw new Error(
      `EventStoreDB sent no $all position for ${event.streamId}@${event.revision}: the adapter needs a server that reports positions on stream reads (EventStoreDB 22.6 or later)`,
    );
  }
  return position;
}

/** An EventStoreDB event as the port's RecordedEvent, with the ledger's hash taken out of the metadata. */
function convert(event: EsdbRecordedEvent, position: Position): RecordedEvent {
  const { [HASH_KEY]: hash, ...metadata } = (event.metadata ?? {}) as JsonObject;
  return {
    id: event.id,
    type: event.type,
    stream: event.streamId,
    revision: event.revision,
    position,
    recordedAt: event.created,
    data: event.data as JsonObject,
    metadata,
    // An event written around the ledger has no hash; chain verification flags it.
    hash: typeof hash === 'string' ? hash : '',
  };
}
