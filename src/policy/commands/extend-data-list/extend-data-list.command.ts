import type { TermChangeData } from '../../domain/data-list.decider.js';
import { PolicyCommand } from '../policy.command.js';

/** Extend a data list's term (`POST /v1/data-lists/{listId}/extensions`). */
export class ExtendDataListCommand extends PolicyCommand<Omit<TermChangeData, 'listId'>> {}
