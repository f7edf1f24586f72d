import type { Decider } from '../../shared/decider.js';
import type { CalendarDate } from '../../shared/time.js';
import { type ContentFactKind, type ContentFactState, decideAmendment, decideCreation, decideEnding, evolveContentFact } from './content-fact.lifecycle.js';
import { unreachable } from './policy.checks.js';
import { type DataDesignated, type DesignationAmended, type DesignationContent, type DesignationEvent, type DesignationLifted } from './policy.events.js';
import { CLASSIFICATIONS } from '../../shared/terms.js';

/** Commands on one designation (stream `designation-<designationId>`; DOMAIN.md §3). */
export type DesignationCommand =
  | { readonly type: 'DesignateData'; readonly data: DesignationContent }
  | { readonly type: 'AmendDesignation'; readonly designationId: string; readonly data: DesignationContent }
  | { readonly type: 'LiftDesignation'; readonly data: { readonly designationId: string; readonly effectiveFrom: CalendarDate } };

export type DesignationState = ContentFactState<DataDesignated, DesignationAmended, DesignationLifted>;

const designation: ContentFactKind<DesignationContent, DataDesignated, DesignationAmended, DesignationLifted> = {
  what: 'designation',
  idField: 'designationId',
  check(content, problems) {
    problems.oneOf('classification', content.classification, CLASSIFICATIONS);
  },
  created: (data) => ({ type: 'DataDesignated', data }),
  amended: (data) => ({ type: 'DesignationAmended', data }),
  ended: (designationId, effectiveFrom) => ({ type: 'DesignationLifted', data: { designationId, effectiveFrom } }),
};

/** Designate data core or important, amend and lift designations (DOMAIN.md §4 step 1). */
export const designationDecider: Decider<DesignationCommand, DesignationEvent, DesignationState> = {
  initialState: {},
  decide(command, state) {
    switch (command.type) {
      case 'DesignateData':
        return decideCreation(designation, state, command.data);
      case 'AmendDesignation':
        return decideAmendment(designation, state, command.designationId, command.data);
      case 'LiftDesignation':
        return decideEnding(designation, state, command.data.designationId, command.data.effectiveFrom);
      default:
        return unreachable(command);
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'DataDesignated':
        return evolveContentFact(state, { role: 'created', event });
      case 'DesignationAmended':
        return evolveContentFact(state, { role: 'amended', event });
      case 'DesignationLifted':
        return evolveContentFact(state, { role: 'ended', event });
      default:
        return unreachable(event);
    }
  },
};
