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
    'The log’s events in order from fromPosition (position, recordedAt, stream, type, eventId, a data summary), filtered by type, fact, company, position and record time, paged by nextFromPosition',
    TimelinePageDto,
    `fromPosition or toPosition not a decimal position, limit not an integer from 1 to 1000, a bad id, type or instant (each named)`,
  )
  timeline(@Query() query: TimelineRequestDto): Promise<TimelinePage> {
    const { fromPosition, limit, toPosition, ...filter } = query;
    return this.queries.execute(
      new GetTimelineQuery(BigInt(fromPosition ?? '0'), limit ?? DEFAULT_TIMELINE_LIMIT, { ...filter, toPosition: toPosition === undefined ? undefined : BigInt(toPosition) }),
    );
  }
}
