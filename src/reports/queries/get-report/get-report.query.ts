import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { TreeSeal } from '../../../knowledge-cut/ledger-tree.js';
import type { ReportTable } from '../../domain/report-table.js';

export type ReportFormat = 'json' | 'csv';
export const REPORT_FORMATS: readonly ReportFormat[] = ['json', 'csv'];

/** What names a rendering (docs/api.md §14): the JSON body's fields after `contentSha256`, the CSV's headers. */
export interface ReportMeta {
  readonly reportId: string;
  readonly kind: string;
  readonly parameters: Readonly<Record<string, string>>;
  readonly cut: string;
  /** The position of the ReportRequested event, and when and by whom it was recorded. */
  readonly position: string;
  readonly requestedAt: string;
  readonly requestedBy: Readonly<Record<string, string>>;
}

/** What names a rendering: the report's meta and the log at its cut as a Merkle tree, its size and root (docs/api.md §9). */
export interface RenderingMeta extends ReportMeta {
  readonly seal: TreeSeal;
}

/** A report ready to be written: its meta, its table, and for CSV the digest of the bytes to come. */
export interface ReportRendering {
  readonly meta: RenderingMeta;
  readonly table: ReportTable;
  readonly format: ReportFormat;
  /** For CSV: the SHA-256 of the body, known before it is sent. */
  readonly csvSha256?: string;
}

/** `GET /v1/reports/{reportId}?format=`: a requested report, rendered at its cut. */
export class GetReportQuery extends Query<ReportRendering> {
  constructor(
    readonly reportId: string,
    readonly format: ReportFormat,
    readonly principal: Principal,
  ) {
    super();
  }
}
