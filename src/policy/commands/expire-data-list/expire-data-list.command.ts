import type { TermChangeData } from '../../domain/data-list.decider.js';
import { PolicyCommand } from '../policy.command.js';

/**
 * Record that a data list's term end has passed (the expiry scheduler, the one reader of the
 * clock, names the term end it saw pass; docs/domain.md §3 "Expiry"). No HTTP route.
 */
export class ExpireDataListCommand extends PolicyCommand<Omit<TermChangeData, 'listId'>> {}
