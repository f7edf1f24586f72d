import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuditRoute } from '../audit.routes.js';
import { GetTimelineQuery } from './get-timeline.query.js';
import { TimelinePageDto } from './timeline.dto.js';
import type { TimelinePage } from './timeline.page.js';
import { DEFAULT_TIMELINE_LIMIT, TimelineRequestDto } from './timeline.request.dto.js';

/** The log itself, in order and paged: what the ledger recorded, when, and in which stream. */
@ApiTags('audit')
@Controller('v1/audit')
export class TimelineController {
  constructor(private readonly queries: QueryBus) {}

  @Get('timeline')
  @AuditRoute(
    'The log’s events in order from fromPosition (position, recordedAt, stream, type, eventId, a data summary), paged by nextFromPosition',
    TimelinePageDto,
    `fromPosition not a decimal position, or limit not an integer from 1 to 1000`,
  )
  timeline(@Query() query: TimelineRequestDto): Promise<TimelinePage> {
    return this.queries.execute(new GetTimelineQuery(BigInt(query.fromPosition ?? '0'), query.limit ?? DEFAULT_TIMELINE_LIMIT));
  }
}
