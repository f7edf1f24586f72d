import { Inject, Injectable } from '@nestjs/common';
import { asDomainEvent, loadStream } from '../application/decide-and-append.js';
import { fold } from '../common/decider.js';
import type { Principal } from '../auth/principal.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../event-store/event-store.port.js';
import { NotFound } from '../common/errors.js';
import { transferDecider } from './domain/transfer.decider.js';
import { transferStream, type TransferEvent } from './domain/transfer.events.js';
import type { KnownTransfer } from './domain/transfer.state.js';

/** A service key reads its own company's transfers; other roles read every company's. */
const mayRead = (principal: Principal, companyId: string): boolean => principal.role !== 'service' || principal.companyId === companyId;

/** A recorded transfer's stream, read and folded. */
export interface LoadedTransfer {
  readonly state: KnownTransfer;
  /** The stream's events: the recording first, then each correction in order. */
  readonly events: readonly RecordedEvent[];
}

/**
 * Reads one transfer for a caller: 404 when it is not recorded, and the very same 404 when a
 * service key asks about another company's transfer, so that a service learns neither that the id
 * exists nor who owns it (docs/api.md §6). Regulators and auditors read any.
 */
@Injectable()
export class TransferReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The transfer as known at `cut` (events at positions ≤ cut; 404 if recorded after it), or as known now. */
  async load(transferId: string, principal: Principal, cut?: bigint): Promise<LoadedTransfer> {
    const loaded = await loadStream(this.store, transferStream(transferId), transferDecider);
    const events = cut === undefined ? loaded.events : loaded.events.filter((event) => event.position <= cut);
    const state = cut === undefined ? loaded.state : fold(transferDecider, events.map((event) => asDomainEvent<TransferEvent>(event)));
    if (state.status === 'none' || !mayRead(principal, state.recorded.companyId)) throw new NotFound('transfer', transferId);
    return { state, events };
  }
}
