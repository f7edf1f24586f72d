import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { GetTimelineQuery } from './get-timeline.query.js';
import { readTimelinePage, type TimelinePage } from './timeline.page.js';

/**
 * The log itself, in order and paged, read through the port from the first event at or after
 * `fromPosition`, whatever position the user gave (docs/api.md §9): the read starts at an event
 * the read model knows at or before it, never at a position the store cannot read from.
 */
@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
  ) {}

  execute({ fromPosition, limit }: GetTimelineQuery): Promise<TimelinePage> {
    return readTimelinePage(this.store, fromPosition, limit, this.cuts.eventAtOrBefore(fromPosition));
  }
}
