import { Inject, Injectable } from '@nestjs/common';
import { asDomainEvent, readStreamIfAny } from '../application/decide-and-append.js';
import { readEventAt } from '../application/event-at.js';
import { fold } from '../common/decider.js';
import type { Principal } from '../auth/principal.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port.js';
import { NotFound } from '../common/errors.js';
import { KnowledgeCuts } from '../knowledge-cut/knowledge-cuts.js';
import { LegalityService } from '../legality/legality.service.js';
import { transferDecider } from './domain/transfer.decider.js';
import { transferStream, type TransferEvent } from './domain/transfer.events.js';
import type { KnownTransfer } from './domain/transfer.state.js';

/** A service key reads its own company's transfers; other roles read every company's. */
const mayRead = (principal: Principal, companyId: string): boolean => principal.role !== 'service' || principal.companyId === companyId;

/** A recorded transfer, read and folded. */
export interface LoadedTransfer {
  readonly state: KnownTransfer;
  /** The recording first, then each correction in order. */
  readonly events: readonly RecordedEvent[];
  /** The transfer's own stream `transfer-<id>` as read (the corrections; also the recording, for a transfer recorded before the company streams). */
  readonly ownStream: readonly RecordedEvent[];
}

/**
 * Reads one transfer for a caller: 404 when it is not recorded, and the very same 404 when a
 * service key asks about another company's transfer, so that a service learns neither that the id
 * exists nor who owns it (docs/api.md §6). Regulators and auditors read any.
 *
 * The recording is where the read model says it is (its company's stream, or `transfer-<id>` for
 * a transfer recorded before those: docs/design.md "Writing"), the corrections are in
 * `transfer-<id>`. A second recording of a taken id, which only two instances of a store that
 * cannot refuse it may write, is never the transfer: the first in log order is.
 */
@Injectable()
export class TransferReader {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    private readonly legality: LegalityService,
  ) {}

  /** The transfer as known at `cut` (events at positions ≤ cut; 404 if recorded after it), or as known now. */
  async load(transferId: string, principal: Principal, cut?: bigint): Promise<LoadedTransfer> {
    if (cut === undefined) await this.cuts.catchUp();
    const [recording, ownStream] = await this.recordingOf(transferId);
    const known = [recording, ...ownStream.filter((event) => event.type === 'TransferCorrected')].filter((event): event is RecordedEvent => event !== undefined);
    const events = cut === undefined ? known : known.filter((event) => event.position <= cut);
    const state = fold(transferDecider, events.map((event) => asDomainEvent<TransferEvent>(event)));
    if (state.status === 'none' || !mayRead(principal, state.recorded.companyId)) throw new NotFound('transfer', transferId);
    return { state, events, ownStream };
  }

  private async recordingOf(transferId: string): Promise<[RecordedEvent | undefined, RecordedEvent[]]> {
    const position = this.legality.recordingPosition(transferId);
    const [recording, ownStream] = await Promise.all([position === undefined ? undefined : readEventAt(this.store, position), readStreamIfAny(this.store, transferStream(transferId))]);
    return [recording, ownStream];
  }
}
