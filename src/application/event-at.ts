import type { EventStore, Position, RecordedEvent } from '../event-store/event-store.port.js';

/**
 * The event at a position the read model reported (a transfer's recording, whichever stream
 * holds it): one read of the log from that position, the way every adapter reads from an event.
 */
export async function readEventAt(store: EventStore, position: Position): Promise<RecordedEvent> {
  const [event] = await store.readAll({ fromPosition: position, maxCount: 1 });
  if (event?.position !== position) throw new Error(`the log has no event at position ${position}, which the read model reported`);
  return event;
}
