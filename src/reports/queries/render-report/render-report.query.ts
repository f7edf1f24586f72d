import { Query } from '@nestjs/cqrs';
import type { TreeSeal } from '../../../knowledge-cut/ledger-tree.js';
import type { ReportTable } from '../../domain/report-table.js';

/** A report rendered offline, not requested (the CLI: `npm run report`): the kind, its parameters and a cut (default: the head). */
export interface OfflineReport {
  readonly kind: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly cut: string;
  /** The log at the cut as a Merkle tree, as a requested report's rendering names it. */
  readonly seal: TreeSeal;
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
