import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { ValidationFailed } from '../shared/errors.js';
import { instantToEpochMs, isInstant } from '../shared/time.js';
import type { TransferUnderEvaluation } from './domain/transfer-under-evaluation.js';
import type { PolicyView } from './domain/policy-history.js';
import type { Verdict } from './domain/verdict.js';
import { LegalityProjectionRunner } from './projections/legality-projection.runner.js';

export type { TransferUnderEvaluation } from './domain/transfer-under-evaluation.js';
export { toTransferUnderEvaluation } from './domain/transfer-under-evaluation.js';

/** Query parameters naming a knowledge cut (CONTRACT.md): at most one of them. */
export interface CutQuery {
  readonly position?: string;
  readonly knownAt?: string;
}

const DECIMAL_POSITION = /^(0|[1-9][0-9]{0,19})$/;

/**
 * `?knownAt=2025-01-01T00:00:00+08:00` sent without percent-encoding arrives with the `+` decoded
 * as a space (form encoding). An ISO instant has no other place for a space, so put the `+` back
 * rather than refuse a question whose meaning is unambiguous.
 */
const restorePlusOffset = (instant: string): string => instant.replace(/ (\d{2}:\d{2})$/, '+$1');

/**
 * Verdicts as known at any knowledge cut (DOMAIN.md §4, docs/design.md "Reading"). The API is
 * shared with the transfers slice: recording a transfer is `const cut = await catchUp();
 * const verdict = evaluateNew(t, cut)`, then append `TransferRecorded` with that verdict; and
 * `evaluateRecorded(id, BigInt(verdict.position))` gives that verdict back exactly.
 */
@Injectable()
export class LegalityService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly runner: LegalityProjectionRunner,
  ) {}

  /** Waits until the projections have applied every event up to the store's head as of this call; returns that head (0n for an empty log). */
  async catchUp(): Promise<bigint> {
    const head = (await this.store.headPosition()) ?? 0n;
    await this.runner.waitFor(head);
    return head;
  }

  /**
   * A knowledge cut from query parameters: `position` (decimal; beyond the head → ValidationFailed
   * on `position`), or `knownAt` (ISO instant with offset → the last position recorded at or
   * before it, 0n if none), or the head. Both given → ValidationFailed. Waits for catch-up.
   */
  async resolveCut(query: CutQuery): Promise<bigint> {
    const { position } = query;
    const knownAt = query.knownAt === undefined ? undefined : restorePlusOffset(query.knownAt);
    if (position !== undefined && knownAt !== undefined) {
      throw new ValidationFailed([
        { field: 'position', reason: 'must not be given together with knownAt (give one knowledge cut)' },
        { field: 'knownAt', reason: 'must not be given together with position (give one knowledge cut)' },
      ]);
    }
    if (position !== undefined && !DECIMAL_POSITION.test(position)) throw ValidationFailed.of('position', 'must be a ledger position (a decimal integer)');
    if (knownAt !== undefined && !isInstant(knownAt)) throw ValidationFailed.of('knownAt', 'must be an ISO 8601 instant with an offset (e.g. 2025-05-16T17:30:00+08:00)');
    const head = await this.catchUp();
    if (position !== undefined) {
      const cut = BigInt(position);
      if (cut > head) throw ValidationFailed.of('position', `is beyond the ledger head (${head})`);
      return cut;
    }
    if (knownAt !== undefined) return this.runner.projections.positionKnownAt(instantToEpochMs(knownAt));
    return head;
  }

  /** The verdict for a transfer that is not (yet) in the log at `cut`: it counts itself once and comes after every known transfer with the same instant. */
  evaluateNew(transfer: TransferUnderEvaluation, cut: bigint): Verdict {
    return this.runner.projections.evaluateNew(transfer, cut);
  }

  /** The verdict for a recorded transfer as known at `cut` (as recorded, if recorded after `cut`). NotFound if it is not recorded at all. */
  evaluateRecorded(transferId: string, cut: bigint): Verdict {
    return this.runner.projections.evaluateRecorded(transferId, cut);
  }

  /** Every policy fact as known at `cut` (from the policy history: no replay of the log). Resolve the cut with {@link resolveCut} first: it waits until the projections have reached it. */
  policyAt(cut: bigint): PolicyView {
    return this.runner.projections.policy.viewAt(cut);
  }
}
