import type { RegimeContent } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Enact a national regime (`POST /v1/regimes`). */
export class EnactRegimeCommand extends PolicyCommand<RegimeContent> {}
