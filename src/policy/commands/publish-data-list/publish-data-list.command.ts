import type { DataListContent } from '../../domain/policy.events.js';
import { PolicyCommand } from '../policy.command.js';

/** Publish a general or negative data list (`POST /v1/data-lists`). */
export class PublishDataListCommand extends PolicyCommand<DataListContent> {}
