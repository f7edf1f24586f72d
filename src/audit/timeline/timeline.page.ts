import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { summarizeData, type SummaryValue } from './event-summary.js';

/** One event of the log as the timeline shows it (record time: `position`, `recordedAt`). */
export interface TimelineEntry {
  readonly position: string;
  readonly recordedAt: string;
  readonly stream: string;
  readonly revision: string;
  readonly type: string;
  readonly eventId: string;
  /** The event's chain hash (hex): its leaf in the log's Merkle tree is SHA-256(0x00 ‖ these 32 bytes). */
  readonly hash: string;
  /** Who appended it (`metadata.actor`: role and key id, never the key), when recorded. */
  readonly actor?: Readonly<Record<string, SummaryValue>>;
  readonly summary: Readonly<Record<string, SummaryValue>>;
}

/** A page of the log and where the next one starts. */
export interface TimelinePage {
  readonly events: readonly TimelineEntry[];
  /** `fromPosition` of the next page (the position of its first event); null on the last page. */
  readonly nextFromPosition: string | null;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function timelineEntry(event: RecordedEvent): TimelineEntry {
  const actor = event.metadata.actor;
  return {
    position: event.position.toString(10),
    recordedAt: event.recordedAt.toISOString(),
    stream: event.stream,
    revision: event.revision.toString(10),
    type: event.type,
    eventId: event.id,
    hash: event.hash,
    ...(isObject(actor) ? { actor: summarizeData(actor) } : {}),
    summary: summarizeData(event.data),
  };
}

/**
 * Up to `limit` events of the global log from `fromPosition` (inclusive), read through the port.
 * `fromPosition` is whatever the user gave, and need not be an event's: positions have gaps, and
 * EventStoreDB refuses to read from inside a record. So the read starts at `anchor`, an event at
 * or before it (the last one the read model knows, 0 for the start), and skips what comes before
 * `fromPosition`: the page starts at the first event at or after it. One event more is read to
 * find the next page's start, which is always an event's position.
 */
export async function readTimelinePage(store: EventStore, fromPosition: bigint, limit: number, anchor = fromPosition): Promise<TimelinePage> {
  const wanted = limit + 1;
  const events: RecordedEvent[] = [];
  // Usually one read: anchor is fromPosition, or the event just before it. Only when the read
  // model lags behind fromPosition do the events between the anchor and it take more reads.
  const pageSize = wanted + 1;
  let cursor = anchor;
  let readUpTo: bigint | undefined;
  while (events.length < wanted) {
    const page = await store.readAll({ fromPosition: cursor, maxCount: pageSize });
    for (const event of page) {
      if (event.position < fromPosition || (readUpTo !== undefined && event.position <= readUpTo) || events.length === wanted) continue;
      events.push(event);
    }
    if (page.length < pageSize) break;
    cursor = readUpTo = page[page.length - 1].position;
  }
  const next = events.length > limit ? events[limit] : undefined;
  return { events: events.slice(0, limit).map(timelineEntry), nextFromPosition: next ? next.position.toString(10) : null };
}
