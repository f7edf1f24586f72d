import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { GetTimelineQuery } from './get-timeline.query.js';
import { readTimelinePage, type TimelinePage } from './timeline.page.js';

/** The log itself, in order and paged, read through the port. */
@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ fromPosition, limit }: GetTimelineQuery): Promise<TimelinePage> {
    return readTimelinePage(this.store, fromPosition, limit);
  }
}
