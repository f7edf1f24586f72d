import type { InstrumentContent } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Replace an instrument's content (`PUT /v1/instruments/{instrumentId}`). */
export class AmendInstrumentCommand extends PolicyCommand<InstrumentContent> {}
