import type { Position as EsdbPosition, RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import type { JsonObject, Position, RecordedEvent } from '../event-store.port.js';

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

/** System events (`$`-prefixed types, or anything in a `$` system stream) are not the ledger's. */
export const isSystemEvent = (event: EsdbRecordedEvent): boolean => event.type.startsWith('$') || event.streamId.startsWith('$');

/** An EventStoreDB event as the port's RecordedEvent, with the ledger's hash taken out of the metadata. */
export function toRecordedEvent(event: EsdbRecordedEvent): RecordedEvent {
  const position = event.position?.commit;
  if (position === undefined || position >= NO_POSITION) {
    throw new Error(
      `EventStoreDB sent no $all position for ${event.streamId}@${event.revision}: the adapter needs a server that reports positions on stream reads (EventStoreDB 22.6 or later)`,
    );
  }
  if (!event.isJson) throw new Error(`event ${event.streamId}@${event.revision} is not JSON: it was not written by the ledger`);
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
    // An event written by something other than the ledger has no hash; chain verification flags it.
    hash: typeof hash === 'string' ? hash : '',
  };
}
