import type { EntryChangeData } from '../../domain/data-list.decider.js';
import { PolicyCommand } from '../policy.command.js';

/** Add entries to a data list from a date (`POST /v1/data-lists/{listId}/expansions`). */
export class ExpandDataListCommand extends PolicyCommand<Omit<EntryChangeData, 'listId'>> {}
