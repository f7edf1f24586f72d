import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { readStreamIfAny } from '../../application/decide-and-append.js';
import { readEventAt } from '../../application/event-at.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { LegalityService } from '../../legality/legality.service.js';
import { ValidationFailed } from '../../common/errors.js';
import { instantToEpochMs } from '../../common/time.js';
import { GetTimelineQuery, type TimelineFilter } from './get-timeline.query.js';
import { readTimelinePage, timelineEntry, type TimelinePage } from './timeline.page.js';

/** The streams a fact id may name (docs/design.md "Streams and events"). */
const FACT_STREAM_KINDS = ['regime', 'designation', 'data-list', 'company', 'instrument', 'transfer', 'report'];

/**
 * The log itself, in order and paged, read through the port. Filters are answered from the read
 * model's log index (events by type and by company; record time by the knownAt index) or, for
 * one fact, from its own streams, so a page reads only the events it shows (docs/api.md §9).
 * Reads of the log start at an event the read model knows at or before the position asked for,
 * never at a position the store cannot read from (EventStoreDB refuses positions inside a record).
 */
@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  async execute({ fromPosition, limit, filter }: GetTimelineQuery): Promise<TimelinePage> {
    if (Object.values(filter).every((value) => value === undefined)) return readTimelinePage(this.store, fromPosition, limit, this.cuts.eventAtOrBefore(fromPosition));
    if (filter.recordedFrom !== undefined && filter.recordedTo !== undefined && instantToEpochMs(filter.recordedTo) < instantToEpochMs(filter.recordedFrom)) {
      throw ValidationFailed.of('recordedTo', 'must not be before recordedFrom');
    }
    await this.cuts.catchUp(); // the index holds every event answered before this read
    const { from, to } = this.bounds(fromPosition, filter);
    if (to !== undefined && to < from) return { events: [], nextFromPosition: null };
    if (filter.factId !== undefined) return this.factPage(filter.factId, from, to, limit, filter);
    if (filter.type === undefined && filter.companyId === undefined) return this.rangePage(from, to, limit);
    const page = this.legality.readModel.log.select({ type: filter.type, companyId: filter.companyId, fromPosition: from, toPosition: to, limit });
    const events = await Promise.all(page.positions.map((position) => this.eventAt(position)));
    return { events: events.map(timelineEntry), nextFromPosition: page.next === null ? null : page.next.toString(10) };
  }

  /** fromPosition/recordedFrom and toPosition/recordedTo as one inclusive range of positions. */
  private bounds(fromPosition: bigint, filter: TimelineFilter): { from: bigint; to?: bigint } {
    let from = fromPosition;
    let to = filter.toPosition;
    if (filter.recordedFrom !== undefined) {
      // Every event after the last one recorded before the instant was recorded at or after it.
      const before = this.cuts.positionKnownAt(instantToEpochMs(filter.recordedFrom) - 1);
      if (before + 1n > from) from = before + 1n;
    }
    if (filter.recordedTo !== undefined) {
      const last = this.cuts.positionKnownAt(instantToEpochMs(filter.recordedTo));
      if (to === undefined || last < to) to = last;
    }
    return { from, to };
  }

  /** The log from `from` up to `to`, unfiltered otherwise. */
  private async rangePage(from: bigint, to: bigint | undefined, limit: number): Promise<TimelinePage> {
    const page = await readTimelinePage(this.store, from, limit, this.cuts.eventAtOrBefore(from));
    if (to === undefined) return page;
    const events = page.events.filter((event) => BigInt(event.position) <= to);
    const next = page.nextFromPosition !== null && BigInt(page.nextFromPosition) <= to ? page.nextFromPosition : null;
    return { events, nextFromPosition: next };
  }

  /** One fact's events: its streams, merged in log order, with the other filters applied. */
  private async factPage(factId: string, from: bigint, to: bigint | undefined, limit: number, filter: TimelineFilter): Promise<TimelinePage> {
    const streams = await Promise.all(FACT_STREAM_KINDS.map((kind) => readStreamIfAny(this.store, `${kind}-${factId}`)));
    // A transfer's recording sits in its company's stream (docs/design.md "Writing"), at the position the read model knows.
    const recordingAt = this.legality.recordingPosition(factId);
    const recording = recordingAt === undefined ? [] : [await readEventAt(this.store, recordingAt)];
    const log = this.legality.readModel.log;
    const byId = new Map([...streams.flat(), ...recording].map((event) => [event.id, event]));
    const events = [...byId.values()]
      .filter((event) => event.position >= from && (to === undefined || event.position <= to))
      .filter((event) => filter.type === undefined || event.type === filter.type)
      .filter((event) => filter.companyId === undefined || log.select({ companyId: filter.companyId, fromPosition: event.position, toPosition: event.position, limit: 1 }).positions.length === 1)
      .sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
    const next = events.length > limit ? events[limit].position.toString(10) : null;
    return { events: events.slice(0, limit).map(timelineEntry), nextFromPosition: next };
  }

  private async eventAt(position: bigint): Promise<RecordedEvent> {
    const [event] = await this.store.readAll({ fromPosition: position, maxCount: 1 });
    return event;
  }

}
