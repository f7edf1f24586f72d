import type { Decider } from '../../shared/decider.js';
import type { CalendarDate } from '../../shared/time.js';
import { type ContentFactKind, type ContentFactState, decideAmendment, decideCreation, decideEnding, evolveContentFact } from './content-fact.lifecycle.js';
import { unreachable } from './policy.checks.js';
import { type RegimeAmended, type RegimeContent, type RegimeEnacted, type RegimeEvent, type RegimeRepealed } from './policy.events.js';
import { COUNTING_WINDOWS, METRICS, PURPOSES, type Requirement } from '../../shared/terms.js';

/** Commands on one regime (stream `regime-<regimeId>`; DOMAIN.md §3, CONTRACT.md "Policy commands"). */
export type RegimeCommand =
  | { readonly type: 'EnactRegime'; readonly data: RegimeContent }
  | { readonly type: 'AmendRegime'; readonly regimeId: string; readonly data: RegimeContent }
  | { readonly type: 'RepealRegime'; readonly data: { readonly regimeId: string; readonly effectiveFrom: CalendarDate } };

export type RegimeState = ContentFactState<RegimeEnacted, RegimeAmended, RegimeRepealed>;

/** A threshold asks for an instrument: `none` or `prohibited` would be no threshold at all (DOMAIN.md §4 step 4). */
export const THRESHOLD_REQUIREMENTS: readonly Requirement[] = ['standard-contract', 'security-assessment'];

const regime: ContentFactKind<RegimeContent, RegimeEnacted, RegimeAmended, RegimeRepealed> = {
  what: 'regime',
  idField: 'regimeId',
  check(content, problems) {
    problems.oneOf('countingWindow', content.countingWindow, COUNTING_WINDOWS);
    content.thresholds.forEach((threshold, i) => {
      problems.oneOf(`thresholds.${i}.metric`, threshold.metric, METRICS);
      problems.oneOf(`thresholds.${i}.requirement`, threshold.requirement, THRESHOLD_REQUIREMENTS);
      if (!Number.isSafeInteger(threshold.atLeast) || threshold.atLeast < 0) problems.add(`thresholds.${i}.atLeast`, 'must be a non-negative integer');
    });
    content.exemptPurposes.forEach((purpose, i) => problems.oneOf(`exemptPurposes.${i}`, purpose, PURPOSES));
  },
  created: (data) => ({ type: 'RegimeEnacted', data }),
  amended: (data) => ({ type: 'RegimeAmended', data }),
  ended: (regimeId, effectiveFrom) => ({ type: 'RegimeRepealed', data: { regimeId, effectiveFrom } }),
};

/** Enact, amend and repeal regimes: the national baselines of DOMAIN.md §4 step 4. */
export const regimeDecider: Decider<RegimeCommand, RegimeEvent, RegimeState> = {
  initialState: {},
  decide(command, state) {
    switch (command.type) {
      case 'EnactRegime':
        return decideCreation(regime, state, command.data);
      case 'AmendRegime':
        return decideAmendment(regime, state, command.regimeId, command.data);
      case 'RepealRegime':
        return decideEnding(regime, state, command.data.regimeId, command.data.effectiveFrom);
      default:
        return unreachable(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'RegimeEnacted':
        return evolveContentFact(state, { role: 'created', event });
      case 'RegimeAmended':
        return evolveContentFact(state, { role: 'amended', event });
      case 'RegimeRepealed':
        return evolveContentFact(state, { role: 'ended', event });
      default:
        return unreachable(event);
    }
  },
};
