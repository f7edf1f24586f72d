import type { DataEntry } from '../domain/policy.events.js';
import { Text } from '../../http/validators.js';

/** A data list entry: a whole field (no category) or one category of it (docs/domain.md §3). */
export class DataEntryDto implements DataEntry {
  @Text('the data field', 'icv')
  field!: string;

  @Text('one category of the field; absent = the whole field', 'after-sales/service-records', true)
  category?: string;
}
