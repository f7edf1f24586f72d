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
 * One more is read to find the next page's start: a position that holds an event, since
 * EventStoreDB positions have gaps and reading from an empty one is not portable.
 */
export async function readTimelinePage(store: EventStore, fromPosition: bigint, limit: number): Promise<TimelinePage> {
  const events = await store.readAll({ fromPosition, maxCount: limit + 1 });
  const next = events.length > limit ? events[limit] : undefined;
  return { events: events.slice(0, limit).map(timelineEntry), nextFromPosition: next ? next.position.toString(10) : null };
}
