import { Query } from '@nestjs/cqrs';
import type { TimelinePage } from './timeline.page.js';

/** A page of the log from a position (`GET /v1/audit/timeline`). */
export class GetTimelineQuery extends Query<TimelinePage> {
  constructor(
    readonly fromPosition: bigint,
    readonly limit: number,
  ) {
    super();
  }
}
