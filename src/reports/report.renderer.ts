import { Inject, Injectable } from '@nestjs/common';
import { readStreamIfAny } from '../application/decide-and-append.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port.js';
import { KnowledgeCuts } from '../knowledge-cut/knowledge-cuts.js';
import type { TreeSeal } from '../knowledge-cut/ledger-tree.js';
import { LegalityService } from '../legality/legality.service.js';
import { NotFound } from '../common/errors.js';
import { reportStream, type ReportKind, type ReportParameters, type ReportRequested } from './domain/report.events.js';
import type { ReportTable } from './domain/report-table.js';
import { REPORT_KIND_SPECS } from './report-kinds.js';

/** A requested report as its event records it, with the event's record time. */
export interface RecordedReport {
  readonly request: ReportRequested['data'];
  readonly position: bigint;
  readonly recordedAt: Date;
}

/**
 * Renders reports from the legality read model at their cut (src/reports/domain), once the read
 * model has reached it; and reads requested reports from their streams.
 */
@Injectable()
export class ReportRenderer {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  /** The report's table at the cut (its rows are walked when written). */
  async table(kind: ReportKind, parameters: ReportParameters, cut: bigint): Promise<ReportTable> {
    await this.cuts.waitFor(cut);
    return REPORT_KIND_SPECS[kind].render(this.legality.readModel, cut, parameters);
  }

  /**
   * The tree size and root of the log at the cut (docs/api.md §14): what a rendering names so that
   * it can be proved to belong to the log (`GET /v1/audit/checkpoint?position=<cut>` signs them).
   * A fixed cut's seal never changes, so renderings stay byte-identical.
   */
  async sealAt(cut: bigint): Promise<TreeSeal> {
    await this.cuts.waitFor(cut);
    return this.cuts.sealAt(cut);
  }

  /** The recorded request of a report; NotFound when there is none. */
  async recorded(reportId: string): Promise<RecordedReport> {
    const [event] = await readStreamIfAny(this.store, reportStream(reportId), { maxCount: 1 });
    if (!event) throw new NotFound('report', reportId);
    return fromEvent(event);
  }
}

export const fromEvent = (event: RecordedEvent): RecordedReport => ({ request: event.data as unknown as ReportRequested['data'], position: event.position, recordedAt: event.recordedAt });
