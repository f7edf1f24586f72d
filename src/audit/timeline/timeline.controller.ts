import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { EVENT_STORE, type EventStore } from '../../event-store/event-store.port.js';
import { AuditRoute } from '../audit.routes.js';
import { TimelinePageDto } from './timeline.dto.js';
import { readTimelinePage, type TimelinePage } from './timeline.page.js';
import { DEFAULT_TIMELINE_LIMIT, TimelineRequestDto } from './timeline.request.dto.js';

/** The log itself, in order and paged: what the ledger recorded, when, and in which stream. */
@ApiTags('audit')
@Controller('v1/audit')
export class TimelineController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  @Get('timeline')
  @AuditRoute(
    'The log’s events in order from fromPosition (position, recordedAt, stream, type, eventId, a data summary), paged by nextFromPosition',
    TimelinePageDto,
    `fromPosition not a decimal position, or limit not an integer from 1 to 1000`,
  )
  timeline(@Query() query: TimelineRequestDto): Promise<TimelinePage> {
    return readTimelinePage(this.store, BigInt(query.fromPosition ?? '0'), query.limit ?? DEFAULT_TIMELINE_LIMIT);
  }
}
