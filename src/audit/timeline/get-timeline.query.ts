import { Query } from '@nestjs/cqrs';
import type { TimelinePage } from './timeline.page.js';

/** Which events a timeline page keeps (docs/api.md §9); absent = all. */
export interface TimelineFilter {
  readonly type?: string;
  readonly factId?: string;
  readonly companyId?: string;
  /** Inclusive. */
  readonly toPosition?: bigint;
  /** ISO instants, inclusive. */
  readonly recordedFrom?: string;
  readonly recordedTo?: string;
}

/** A page of the log from a position (`GET /v1/audit/timeline`). */
export class GetTimelineQuery extends Query<TimelinePage> {
  constructor(
    readonly fromPosition: bigint,
    readonly limit: number,
    readonly filter: TimelineFilter = {},
  ) {
    super();
  }
}
