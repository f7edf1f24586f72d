import type { CalendarDate } from '../../../common/time.js';
import { PolicyCommand } from '../policy.command.js';

/** Lift a designation from a date (`POST /v1/designations/{designationId}/lifts`). */
export class LiftDesignationCommand extends PolicyCommand<{ readonly effectiveFrom: CalendarDate }> {}
