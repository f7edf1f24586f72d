import type { CalendarDate } from '../../../common/time.js';
import { PolicyCommand } from '../policy.command.js';

/** Designate or lift a company's CIIO status (`POST /v1/companies/{companyId}/ciio`). */
export class SetCompanyCiioCommand extends PolicyCommand<{ readonly ciio: boolean; readonly effectiveFrom: CalendarDate }> {}
