import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CutQuery } from '../../../knowledge-cut/knowledge-cuts.js';
import type { ReportMeta } from '../get-report/get-report.query.js';

/** `GET /v1/reports`: the reports requested up to a cut, in record order (who, when, kind, cut). */
export interface ReportRequestListing {
  readonly items: readonly ReportMeta[];
  readonly cut: string;
  readonly nextCursor: string | null;
}

export class ListReportsQuery extends Query<ReportRequestListing> {
  constructor(
    readonly cut: CutQuery,
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly principal: Principal,
  ) {
    super();
  }
}
