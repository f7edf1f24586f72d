import type { CalendarDate } from '../../../common/time.js';
import { PolicyCommand } from '../policy.command.js';

/** Revoke an instrument from a date (`POST /v1/instruments/{instrumentId}/revocations`). */
export class RevokeInstrumentCommand extends PolicyCommand<{ readonly effectiveFrom: CalendarDate }> {}
