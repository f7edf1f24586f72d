import type { CalendarDate } from '../../../common/time.js';
import { PolicyCommand } from '../policy.command.js';

/** Repeal a regime from a date (`POST /v1/regimes/{regimeId}/repeals`). */
export class RepealRegimeCommand extends PolicyCommand<{ readonly effectiveFrom: CalendarDate }> {}
