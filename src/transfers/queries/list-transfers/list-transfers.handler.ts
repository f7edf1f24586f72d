import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { assertActsFor } from '../../../auth/acts-for.js';
import { EVENT_STORE, POSITION_PATTERN, positionToString, type EventStore } from '../../../event-store/event-store.port.js';
import { readEventAt } from '../../../application/event-at.js';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { recordedVerdictOf, type VerdictSeal } from '../../../legality/domain/verdict.js';
import { LegalityService } from '../../../legality/legality.service.js';
import { badCursor, decodeCursor, encodeCursor, filtersDigest } from '../../../common/page-cursor.js';
import { listTransfers, type ListedTransfer, type ListingKey, type TransferFilter } from '../../domain/transfer-listing.js';
import type { TransferRecorded } from '../../domain/transfer.events.js';
import { ListTransfersQuery, type TransferListItem, type TransferListing } from './list-transfers.query.js';

/** What a transfers cursor holds: the cut, the last transfer listed, and the filters' digest. */
interface TransfersCursor {
  readonly listing: 'transfers';
  readonly cut: string;
  readonly filters: string;
  readonly after: { readonly companyId: string; readonly day: number; readonly occurredAtMs: number; readonly position: number };
}

const isKey = (after: unknown): after is ListingKey => {
  const a = after as Partial<ListingKey> | null;
  return typeof a === 'object' && a !== null && typeof a.companyId === 'string' && [a.day, a.occurredAtMs, a.position].every((n) => typeof n === 'number' && Number.isFinite(n));
};

/**
 * A page of transfers known at a cut (docs/api.md §13), from the legality read model's indexes
 * (transfer-listing.ts); each item's declaration and recorded verdict come from its own stream.
 * A service key lists its own company only: without `companyId` that is the default, another
 * company is 403.
 */
@QueryHandler(ListTransfersQuery)
export class ListTransfersHandler implements IQueryHandler<ListTransfersQuery> {
  constructor(
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ filter: asked, cut: given, limit, cursor, principal }: ListTransfersQuery): Promise<TransferListing> {
    const filter: TransferFilter = principal.role === 'service' && asked.companyId === undefined ? { ...asked, companyId: principal.companyId } : asked;
    if (filter.companyId !== undefined) assertActsFor(principal, filter.companyId);
    const filters = filtersDigest({ ...filter });
    const issued = cursor === undefined ? undefined : this.readCursor(cursor, filters);
    const cut = await this.cuts.resolvePage(given, issued && BigInt(issued.cut));
    const page = listTransfers(this.legality.readModel.transfers, this.legality.verdictsAt(cut), filter, limit, issued?.after);
    // Every verdict of the page names the tree of the page's cut, as `GET …/legality?position=` does.
    const seal = this.cuts.sealAt(cut);
    const items = await Promise.all(page.items.map((item) => this.item(item, seal)));
    const next: TransfersCursor | undefined = page.next && { listing: 'transfers', cut: positionToString(cut), filters, after: page.next };
    return { items, cut: positionToString(cut), nextCursor: next ? encodeCursor({ ...next }) : null };
  }

  private readCursor(cursor: string, filters: string): TransfersCursor {
    const payload = decodeCursor(cursor) as Partial<TransfersCursor>;
    if (payload.listing !== 'transfers' || typeof payload.cut !== 'string' || !POSITION_PATTERN.test(payload.cut) || !isKey(payload.after)) throw badCursor();
    if (payload.filters !== filters) throw badCursor('was issued for other filters: repeat the filters of the first page, or start again without the cursor');
    return payload as TransfersCursor;
  }

  /** The declaration and recorded verdict from the transfer's recording; the values as known at the cut from the read model. */
  private async item({ transferId, transfer, position, verdict, changed }: ListedTransfer, seal: VerdictSeal): Promise<TransferListItem> {
    // The recording, in whichever stream holds it (docs/design.md "Writing"), is at the position the read model knows.
    const recording = await readEventAt(this.store, BigInt(position));
    const recorded = recording.data as unknown as TransferRecorded['data'];
    return {
      transferId,
      companyId: transfer.companyId,
      field: transfer.field,
      category: transfer.category,
      destination: transfer.destination,
      occurredAt: recorded.occurredAt,
      personalInfoSubjects: transfer.personalInfoSubjects,
      sensitivePersonalInfoSubjects: transfer.sensitivePersonalInfoSubjects,
      importantData: transfer.importantData,
      purpose: transfer.purpose,
      date: transfer.date,
      position: positionToString(recording.position),
      recordedAt: recording.recordedAt.toISOString(),
      verdict: { ...verdict, seal },
      recordedVerdict: recordedVerdictOf(recorded.verdict),
      changed,
    };
  }
}
