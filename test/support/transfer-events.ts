import type { EventStore, RecordedEvent } from '../../src/event-store/event-store.port.js';

/**
 * A transfer's events in log order, whichever streams hold them (its recording in its company's
 * stream, or in `transfer-<id>` for transfers recorded before the company streams; its
 * corrections in `transfer-<id>`): read from the whole log, as a test may afford.
 */
export async function transferEvents(store: EventStore, transferId: string): Promise<RecordedEvent[]> {
  const log = await store.readAll();
  return log.filter((event) => (event.type === 'TransferRecorded' || event.type === 'TransferCorrected') && event.data.transferId === transferId);
}
