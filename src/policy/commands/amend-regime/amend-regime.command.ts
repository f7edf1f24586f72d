import type { RegimeContent } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Replace a regime's content (`PUT /v1/regimes/{regimeId}`). */
export class AmendRegimeCommand extends PolicyCommand<RegimeContent> {}
