import type { EntryChangeData } from '../../domain/data-list.decider.js';
import { PolicyCommand } from '../policy.command.js';

/** Withdraw entries from a data list from a date (`POST /v1/data-lists/{listId}/withdrawals`). */
export class WithdrawDataListEntriesCommand extends PolicyCommand<Omit<EntryChangeData, 'listId'>> {}
