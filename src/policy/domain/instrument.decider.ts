import type { Decider } from '../../shared/decider.js';
import type { CalendarDate } from '../../shared/time.js';
import { type ContentFactKind, type ContentFactState, decideAmendment, decideCreation, decideEnding, evolveContentFact } from './content-fact.lifecycle.js';
import { unreachable } from './policy.checks.js';
import { type InstrumentAmended, type InstrumentContent, type InstrumentEvent, type InstrumentGranted, type InstrumentRevoked } from './policy.events.js';
import { INSTRUMENT_KINDS } from '../../shared/terms.js';

/** Commands on one instrument (stream `instrument-<instrumentId>`; DOMAIN.md §3). */
export type InstrumentCommand =
  | { readonly type: 'GrantInstrument'; readonly data: InstrumentContent }
  | { readonly type: 'AmendInstrument'; readonly instrumentId: string; readonly data: InstrumentContent }
  | { readonly type: 'RevokeInstrument'; readonly data: { readonly instrumentId: string; readonly effectiveFrom: CalendarDate } };

export type InstrumentState = ContentFactState<InstrumentGranted, InstrumentAmended, InstrumentRevoked>;

const instrument: ContentFactKind<InstrumentContent, InstrumentGranted, InstrumentAmended, InstrumentRevoked> = {
  what: 'instrument',
  idField: 'instrumentId',
  check(content, problems) {
    problems.oneOf('kind', content.kind, INSTRUMENT_KINDS);
    // An instrument's validity is always bounded (CONTRACT.md: effectiveUntil is required).
    if (content.effectiveUntil === undefined) problems.add('effectiveUntil', 'is required for an instrument');
  },
  created: (data) => ({ type: 'InstrumentGranted', data }),
  amended: (data) => ({ type: 'InstrumentAmended', data }),
  ended: (instrumentId, effectiveFrom) => ({ type: 'InstrumentRevoked', data: { instrumentId, effectiveFrom } }),
};

/** Grant, amend and revoke a company's approvals, filings and certifications (DOMAIN.md §4 step 5). */
export const instrumentDecider: Decider<InstrumentCommand, InstrumentEvent, InstrumentState> = {
  initialState: {},
  decide(command, state) {
    switch (command.type) {
      case 'GrantInstrument':
        return decideCreation(instrument, state, command.data);
      case 'AmendInstrument':
        return decideAmendment(instrument, state, command.instrumentId, command.data);
      case 'RevokeInstrument':
        return decideEnding(instrument, state, command.data.instrumentId, command.data.effectiveFrom);
      default:
        return unreachable(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'InstrumentGranted':
        return evolveContentFact(state, { role: 'created', event });
      case 'InstrumentAmended':
        return evolveContentFact(state, { role: 'amended', event });
      case 'InstrumentRevoked':
        return evolveContentFact(state, { role: 'ended', event });
      default:
        return unreachable(event);
    }
  },
};
