import type { DesignationContent } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Designate a field or category core or important (`POST /v1/designations`). */
export class DesignateDataCommand extends PolicyCommand<DesignationContent> {}
