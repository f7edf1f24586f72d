import type { Decider } from '../../common/decider.js';
import type { CalendarDate } from '../../common/time.js';
import { type ContentFactState, contentFactDecider } from './content-fact.lifecycle.js';
import type { DataDesignated, DesignationAmended, DesignationContent, DesignationEvent, DesignationLifted } from './policy.events.js';
import { CLASSIFICATIONS } from '../../common/terms.js';

/** Commands on one designation (stream `designation-<designationId>`; docs/domain.md §3). */
export type DesignationCommand =
  | { readonly type: 'DesignateData'; readonly data: DesignationContent }
  | { readonly type: 'AmendDesignation'; readonly designationId: string; readonly data: DesignationContent }
  | { readonly type: 'LiftDesignation'; readonly data: { readonly designationId: string; readonly effectiveFrom: CalendarDate } };

export type DesignationState = ContentFactState<DataDesignated, DesignationAmended, DesignationLifted>;

/** Designate data core or important, amend and lift designations (docs/domain.md §4 step 1). */
export const designationDecider: Decider<DesignationCommand, DesignationEvent, DesignationState> = contentFactDecider({
  what: 'designation',
  idField: 'designationId',
  commands: { create: 'DesignateData', amend: 'AmendDesignation', end: 'LiftDesignation' },
  events: { created: 'DataDesignated', amended: 'DesignationAmended', ended: 'DesignationLifted' },
  check(content: DesignationContent, problems) {
    problems.oneOf('classification', content.classification, CLASSIFICATIONS);
  },
});
