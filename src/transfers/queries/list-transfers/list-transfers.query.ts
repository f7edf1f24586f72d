import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CutQuery } from '../../../knowledge-cut/knowledge-cuts.js';
import type { Verdict } from '../../../legality/domain/verdict.js';
import type { TransferFilter } from '../../domain/transfer-listing.js';
import type { TransferDeclaration } from '../../domain/transfer.events.js';

/** One listed transfer: as known at the cut (corrections by then applied), its verdict then, and the recorded one. */
export interface TransferListItem extends TransferDeclaration {
  /** Valid time: the Shanghai date of `occurredAt`. */
  readonly date: string;
  /** Record time: the position of its TransferRecorded event. */
  readonly position: string;
  readonly recordedAt: string;
  /** The verdict as known at the cut of the listing. */
  readonly verdict: Verdict;
  /** The verdict given when it was recorded (never rewritten). */
  readonly recordedVerdict: Verdict;
  /** True when legal, requirement, classification or satisfiedBy differ between the two (docs/api.md §6). */
  readonly changed: boolean;
}

/** `GET /v1/transfers`: a page of transfers known at one cut. */
export interface TransferListing {
  readonly items: readonly TransferListItem[];
  /** The knowledge cut of every page of this listing (decimal position). */
  readonly cut: string;
  /** Give it as `cursor` for the next page (on the same cut); null on the last page. */
  readonly nextCursor: string | null;
}

export class ListTransfersQuery extends Query<TransferListing> {
  constructor(
    readonly filter: TransferFilter,
    readonly cut: CutQuery,
    readonly limit: number,
    readonly cursor: string | undefined,
    readonly principal: Principal,
  ) {
    super();
  }
}
