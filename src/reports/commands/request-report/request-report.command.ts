import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CutQuery } from '../../../knowledge-cut/knowledge-cuts.js';

/** `POST /v1/reports` answers this (docs/api.md §14). */
export interface ReportRequestAnswer {
  readonly reportId: string;
  /** The position of the ReportRequested event. */
  readonly position: string;
  /** The knowledge cut every rendering reads the log up to. */
  readonly cut: string;
  readonly kind: string;
}

export interface RequestReportOutcome {
  /** False for a repeated request with the same reportId and the same content. */
  readonly created: boolean;
  readonly answer: ReportRequestAnswer;
}

/** Records a request for a report pinned to a ledger position (the cut given, or the head). */
export class RequestReportCommand extends Command<RequestReportOutcome> {
  constructor(
    readonly kind: string,
    readonly parameters: Readonly<Record<string, unknown>>,
    readonly cut: CutQuery,
    readonly reportId: string | undefined,
    readonly principal: Principal,
  ) {
    super();
  }
}
