import { registrationIn } from '../../legality/domain/policy-facts.js';
import type { RecordedTransfers } from '../../legality/domain/recorded-transfers.js';
import { epochDay } from '../../legality/domain/transfer-counts.js';
import type { EvaluatedTransfer, VerdictsAtCut } from '../../legality/domain/verdicts-at-cut.js';
import type { Requirement } from '../../common/terms.js';
import type { CalendarDate } from '../../common/time.js';

/** What `GET /v1/transfers` filters on (docs/api.md §13); absent = any. Values as known at the cut. */
export interface TransferFilter {
  readonly companyId?: string;
  /** Transfers of companies registered in the zone on the transfer's date. */
  readonly zoneId?: string;
  /** Shanghai dates of `occurredAt`, inclusive. */
  readonly from?: CalendarDate;
  readonly to?: CalendarDate;
  readonly field?: string;
  readonly category?: string;
  readonly destination?: string;
  readonly legal?: boolean;
  readonly requirement?: Requirement;
  /** Whether the verdict at the cut differs from the one recorded (docs/api.md §6 `changed`). */
  readonly changed?: boolean;
}

/** Where a listing stands: the last transfer listed, by company and order key. */
export interface ListingKey {
  readonly companyId: string;
  readonly day: number;
  readonly occurredAtMs: number;
  readonly position: number;
}

export interface ListedTransfer extends EvaluatedTransfer {
  readonly changed: boolean;
}

export interface TransferListingPage {
  readonly items: readonly ListedTransfer[];
  /** The key of the last item when more follow; undefined on the last page. */
  readonly next?: ListingKey;
}

/**
 * Transfers known at a cut, in one stable order: by company id, then each company's order
 * (docs/domain.md §4 step 4: date, instant, position). Candidates come from the read model's indexes,
 * never a scan of the log: the companies (one, those of a zone, or all, in id order) and, in each,
 * the run of its date-sorted transfers between `from` and `to`, found by binary search; the other
 * filters are checked on each candidate, the verdict ones after evaluating it at the cut.
 * Transfers recorded after the cut are not known there and never listed, so a page asked with the
 * same cut and key lists the same transfers whatever was appended since.
 */
export function listTransfers(
  transfers: RecordedTransfers,
  verdicts: VerdictsAtCut,
  filter: TransferFilter,
  limit: number,
  after?: ListingKey,
): TransferListingPage {
  const items: ListedTransfer[] = [];
  for (const companyId of candidateCompanies(transfers, verdicts, filter)) {
    if (after && companyId < after.companyId) continue;
    const order = transfers.counts.companyOrder(companyId);
    if (!order) continue;
    let start = filter.from === undefined ? 0 : order.firstOnOrAfter(epochDay(filter.from));
    if (after && companyId === after.companyId) start = Math.max(start, order.lowerBound(after.day, after.occurredAtMs, after.position + 1));
    const end = filter.to === undefined ? order.size : order.firstOnOrAfter(epochDay(filter.to) + 1);
    for (let i = start; i < end; i++) {
      const ordinal = order.ordinal.array[i];
      if (!verdicts.knows(ordinal)) continue;
      const listed = matching(transfers, verdicts, filter, ordinal);
      if (!listed) continue;
      if (items.length === limit) {
        const last = transfers.counts.keyOf(items[items.length - 1].ordinal);
        return { items, next: { companyId: last.companyId, day: epochDay(last.date), occurredAtMs: last.occurredAtMs, position: last.position } };
      }
      items.push(listed);
    }
  }
  return { items };
}

/** The companies whose transfers may match, in id order. */
function candidateCompanies(transfers: RecordedTransfers, verdicts: VerdictsAtCut, filter: TransferFilter): readonly string[] {
  if (filter.companyId !== undefined) return [filter.companyId];
  const all = transfers.counts.companyIds();
  if (filter.zoneId === undefined) return all;
  const zoneId = filter.zoneId;
  return all.filter((companyId) => verdicts.policy.company(companyId)?.registrations.some((r) => r.zoneId === zoneId));
}

/** The candidate with its verdict when it passes every filter, else undefined (cheap checks first). */
function matching(transfers: RecordedTransfers, verdicts: VerdictsAtCut, filter: TransferFilter, ordinal: number): ListedTransfer | undefined {
  const known = verdicts.known(ordinal);
  const t = known.transfer;
  if (filter.field !== undefined && t.field !== filter.field) return undefined;
  if (filter.category !== undefined && t.category !== filter.category) return undefined;
  if (filter.destination !== undefined && t.destination !== filter.destination) return undefined;
  if (filter.zoneId !== undefined && !registrationIn(verdicts.policy.company(t.companyId), [filter.zoneId], t.date)) return undefined;
  const evaluated = verdicts.evaluate(ordinal, known);
  const { verdict } = evaluated;
  if (filter.legal !== undefined && verdict.legal !== filter.legal) return undefined;
  if (filter.requirement !== undefined && verdict.requirement !== filter.requirement) return undefined;
  const changed = transfers.changedSince(ordinal, verdict);
  if (filter.changed !== undefined && changed !== filter.changed) return undefined;
  return { ...evaluated, changed };
}
