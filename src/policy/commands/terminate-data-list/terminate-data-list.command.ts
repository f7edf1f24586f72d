import type { TermChangeData } from '../../domain/data-list.decider.js';
import { PolicyCommand } from '../policy.command.js';

/** End a data list's term early (`POST /v1/data-lists/{listId}/terminations`). */
export class TerminateDataListCommand extends PolicyCommand<Omit<TermChangeData, 'listId'>> {}
