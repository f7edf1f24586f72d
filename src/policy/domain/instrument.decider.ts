import type { Decider } from '../../common/decider.js';
import type { CalendarDate } from '../../common/time.js';
import { type ContentFactState, contentFactDecider } from './content-fact.lifecycle.js';
import type { InstrumentAmended, InstrumentContent, InstrumentEvent, InstrumentGranted, InstrumentRevoked } from './policy.events.js';
import { INSTRUMENT_KINDS } from '../../common/terms.js';

/** Commands on one instrument (stream `instrument-<instrumentId>`; docs/domain.md §3). */
export type InstrumentCommand =
  | { readonly type: 'GrantInstrument'; readonly data: InstrumentContent }
  | { readonly type: 'AmendInstrument'; readonly instrumentId: string; readonly data: InstrumentContent }
  | { readonly type: 'RevokeInstrument'; readonly data: { readonly instrumentId: string; readonly effectiveFrom: CalendarDate } };

export type InstrumentState = ContentFactState<InstrumentGranted, InstrumentAmended, InstrumentRevoked>;

/** Grant, amend and revoke a company's approvals, filings and certifications (docs/domain.md §4 step 5). */
export const instrumentDecider: Decider<InstrumentCommand, InstrumentEvent, InstrumentState> = contentFactDecider({
  what: 'instrument',
  idField: 'instrumentId',
  commands: { create: 'GrantInstrument', amend: 'AmendInstrument', end: 'RevokeInstrument' },
  events: { created: 'InstrumentGranted', amended: 'InstrumentAmended', ended: 'InstrumentRevoked' },
  check(content: InstrumentContent, problems) {
    problems.oneOf('kind', content.kind, INSTRUMENT_KINDS);
    // An instrument's validity is always bounded (docs/api.md: effectiveUntil is required).
    if (content.effectiveUntil === undefined) problems.add('effectiveUntil', 'is required for an instrument');
  },
});
