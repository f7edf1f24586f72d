import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, POSITION_PATTERN, positionToString, type EventStore, type RecordedEvent } from '../../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { LegalityService } from '../../../legality/legality.service.js';
import { badCursor, decodeCursor, encodeCursor } from '../../../common/page-cursor.js';
import { fromEvent } from '../../report.renderer.js';
import type { ReportMeta } from '../get-report/get-report.query.js';
import { ListReportsQuery, type ReportRequestListing } from './list-reports.query.js';

interface ReportsCursor {
  readonly listing: 'reports';
  readonly cut: string;
  /** The position of the first request of the next page. */
  readonly from: string;
}

/**
 * The ReportRequested events recorded at or before the cut, from the read model's log index (by
 * type), each read from the log. A service key sees the requests about its own company only.
 */
@QueryHandler(ListReportsQuery)
export class ListReportsHandler implements IQueryHandler<ListReportsQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  async execute({ cut: given, limit, cursor, principal }: ListReportsQuery): Promise<ReportRequestListing> {
    const issued = cursor === undefined ? undefined : readCursor(cursor);
    const cut = await this.cuts.resolvePage(given, issued && BigInt(issued.cut));
    const items: ReportMeta[] = [];
    let from = issued ? BigInt(issued.from) : 0n;
    for (;;) {
      const page = this.legality.readModel.log.select({ type: 'ReportRequested', fromPosition: from, toPosition: cut, limit: limit - items.length });
      const events = await Promise.all(page.positions.map((position) => this.eventAt(position)));
      for (const event of events) {
        const meta = metaOf(event);
        if (principal.role !== 'service' || meta.parameters.companyId === principal.companyId) items.push(meta);
      }
      if (page.next === null) return { items, cut: positionToString(cut), nextCursor: null };
      if (items.length === limit) {
        const next: ReportsCursor = { listing: 'reports', cut: positionToString(cut), from: positionToString(page.next) };
        return { items, cut: positionToString(cut), nextCursor: encodeCursor({ ...next }) };
      }
      from = page.next;
    }
  }

  private async eventAt(position: bigint): Promise<RecordedEvent> {
    const [event] = await this.store.readAll({ fromPosition: position, maxCount: 1 });
    return event;
  }
}

function metaOf(event: RecordedEvent): ReportMeta {
  const { request, position, recordedAt } = fromEvent(event);
  return { reportId: request.reportId, kind: request.kind, parameters: request.parameters, cut: request.cut, position: positionToString(position), requestedAt: recordedAt.toISOString(), requestedBy: { ...request.requestedBy } };
}

function readCursor(cursor: string): ReportsCursor {
  const payload = decodeCursor(cursor) as Partial<ReportsCursor>;
  if (payload.listing !== 'reports' || typeof payload.cut !== 'string' || !POSITION_PATTERN.test(payload.cut) || typeof payload.from !== 'string' || !POSITION_PATTERN.test(payload.from)) throw badCursor();
  return payload as ReportsCursor;
}
