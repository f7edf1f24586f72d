import type { CalendarDate } from '../../common/time.js';
import { DataEntryDto } from './data-entry.dto.js';
import { NestedList, ValidDate } from '../../http/validators.js';

/** The body of data list expansions and withdrawals (docs/api.md). */
export class EntryChangeRequestDto {
  @ValidDate('the first day of the change, within the list term', '2024-09-01')
  effectiveFrom!: CalendarDate;

  @NestedList(() => DataEntryDto, 'the entries added or withdrawn', 1)
  entries!: DataEntryDto[];
}
