import { type Decider, type DomainEvent, fold } from '../../../common/decider.js';
import { companyDecider, type CompanyState } from '../../domain/company.decider.js';
import { dataListDecider, dataListEntries, type DataListState, expiryOf } from '../../domain/data-list.decider.js';
import { designationDecider, type DesignationState } from '../../domain/designation.decider.js';
import { instrumentDecider, type InstrumentState } from '../../domain/instrument.decider.js';
import type { FactKind } from '../../domain/policy.streams.js';
import type { JsonObject } from '../../../event-store/event-store.port.js';
import { regimeDecider, type RegimeState } from '../../domain/regime.decider.js';

/** One event of a fact's stream, as a read shows it. */
export interface FactEvent {
  readonly type: string;
  readonly eventId: string;
  /** The event's chain hash (hex). */
  readonly hash: string;
  /** Record time: the ledger position, decimal. */
  readonly position: string;
  readonly recordedAt: string;
  /** The event data; its dates are valid time. */
  readonly data: JsonObject;
}

/** A policy fact as known at a cut: its content and the events that made it so. */
export interface PolicyFact {
  readonly id: string;
  readonly kind: FactKind;
  /** The knowledge cut asked for, if any. */
  readonly knownAt?: string;
  readonly position?: string;
  readonly current: object;
  readonly history: readonly FactEvent[];
}

/** How to read one kind of fact. */
interface FactReader {
  /** For messages: `regime`, `data list`, … */
  readonly what: string;
  /** The fact as its events (up to a cut, at least one) describe it. */
  view(events: readonly DomainEvent[]): object;
}

/** Folds the stream with the fact's own decider, then presents the state. */
const reader = <C, E extends DomainEvent, S>(what: string, decider: Decider<C, E, S>, present: (state: S) => object): FactReader => ({
  what,
  view: (events) => present(fold(decider, events as readonly E[])),
});

/** The current content of a fact (docs/domain.md §3), with the date it ended if it did. */
export const FACT_READERS: { readonly [K in FactKind]: FactReader } = {
  regime: reader('regime', regimeDecider, (s: RegimeState) => ({ content: s.current?.data, repealedFrom: s.ended?.data.effectiveFrom })),
  designation: reader('designation', designationDecider, (s: DesignationState) => ({ content: s.current?.data, liftedFrom: s.ended?.data.effectiveFrom })),
  'data-list': reader('data list', dataListDecider, (s: DataListState) => ({
    content: s.current?.data,
    /** The term end as extended or terminated since the content was set. */
    termEnd: s.termEnd,
    /** Each entry with the valid-time periods in which it is on the list. */
    entries: dataListEntries(s),
    /** The term end the expiry scheduler recorded as reached, if it did for the current term. */
    expiredOn: s.termEnd !== undefined && expiryOf(s, s.termEnd) !== undefined ? s.termEnd : undefined,
    /** Every term end the scheduler recorded as reached, in record order (earlier terms' too, renewed or not). */
    expiries: s.expiries.map((expired) => expired.data.effectiveUntil),
  })),
  company: reader('company', companyDecider, (s: CompanyState) => ({
    registrations: s.registrations.map(({ zoneId, effectiveFrom, effectiveUntil }) => ({ zoneId, effectiveFrom, effectiveUntil })),
    ciio: s.ciio.map((event) => ({ ciio: event.type === 'CompanyDesignatedCiio', effectiveFrom: event.data.effectiveFrom })),
  })),
  instrument: reader('instrument', instrumentDecider, (s: InstrumentState) => ({ content: s.current?.data, revokedFrom: s.ended?.data.effectiveFrom })),
};
