import type { Decider } from '../../common/decider.js';
import type { CalendarDate } from '../../common/time.js';
import { type ContentFactState, contentFactDecider } from './content-fact.lifecycle.js';
import type { RegimeAmended, RegimeContent, RegimeEnacted, RegimeEvent, RegimeRepealed } from './policy.events.js';
import { isCount } from '../../common/counts.js';
import { COUNTING_WINDOWS, METRICS, PURPOSES, type Requirement } from '../../common/terms.js';

/** Commands on one regime (stream `regime-<regimeId>`; docs/domain.md §3, docs/api.md "Policy commands"). */
export type RegimeCommand =
  | { readonly type: 'EnactRegime'; readonly data: RegimeContent }
  | { readonly type: 'AmendRegime'; readonly regimeId: string; readonly data: RegimeContent }
  | { readonly type: 'RepealRegime'; readonly data: { readonly regimeId: string; readonly effectiveFrom: CalendarDate } };

export type RegimeState = ContentFactState<RegimeEnacted, RegimeAmended, RegimeRepealed>;

/** A threshold asks for an instrument: `none` or `prohibited` would be no threshold at all (docs/domain.md §4 step 4). */
export const THRESHOLD_REQUIREMENTS: readonly Requirement[] = ['standard-contract', 'security-assessment'];

/** Enact, amend and repeal regimes: the national baselines of docs/domain.md §4 step 4. */
export const regimeDecider: Decider<RegimeCommand, RegimeEvent, RegimeState> = contentFactDecider({
  what: 'regime',
  idField: 'regimeId',
  commands: { create: 'EnactRegime', amend: 'AmendRegime', end: 'RepealRegime' },
  events: { created: 'RegimeEnacted', amended: 'RegimeAmended', ended: 'RegimeRepealed' },
  check(content: RegimeContent, problems) {
    problems.oneOf('countingWindow', content.countingWindow, COUNTING_WINDOWS);
    content.thresholds.forEach((threshold, i) => {
      problems.oneOf(`thresholds.${i}.metric`, threshold.metric, METRICS);
      problems.oneOf(`thresholds.${i}.requirement`, threshold.requirement, THRESHOLD_REQUIREMENTS);
      if (!isCount(threshold.atLeast)) problems.add(`thresholds.${i}.atLeast`, 'must be a count (an integer from 0 to 10^10)');
    });
    content.exemptPurposes.forEach((purpose, i) => problems.oneOf(`exemptPurposes.${i}`, purpose, PURPOSES));
  },
});
