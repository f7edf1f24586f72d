import { Query } from '@nestjs/cqrs';
import type { CutQuery } from '../../knowledge-cut/knowledge-cuts.js';
import type { CalendarDate } from '../../common/time.js';
import type { PolicyState } from '../domain/policy-state.js';

/** The policy in force on a date as known at a cut (`GET /v1/audit/policy-state`). */
export class GetPolicyStateQuery extends Query<PolicyState> {
  constructor(
    readonly date: CalendarDate,
    readonly cut: CutQuery,
  ) {
    super();
  }
}
