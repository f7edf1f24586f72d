import type { DesignationContent } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Replace a designation's content (`PUT /v1/designations/{designationId}`). */
export class AmendDesignationCommand extends PolicyCommand<DesignationContent> {}
