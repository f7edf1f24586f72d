import { Query } from '@nestjs/cqrs';
import type { ReportTable } from '../../domain/report-table.js';

/** A report rendered offline, not requested (the CLI: `npm run report`): the kind, its parameters and a cut (default: the head). */
export interface OfflineReport {
  readonly kind: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly cut: string;
  readonly table: ReportTable;
}

export class RenderReportQuery extends Query<OfflineReport> {
  constructor(
    readonly kind: string,
    readonly parameters: Readonly<Record<string, unknown>>,
    readonly position?: string,
  ) {
    super();
  }
}
