import type { InstrumentContent } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Grant a company an approval, filing or certification (`POST /v1/instruments`). */
export class GrantInstrumentCommand extends PolicyCommand<InstrumentContent> {}
