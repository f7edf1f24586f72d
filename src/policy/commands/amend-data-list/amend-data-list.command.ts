import type { DataListContent } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Replace a data list's own content (`PUT /v1/data-lists/{listId}`). */
export class AmendDataListCommand extends PolicyCommand<DataListContent> {}
