import type { CalendarDate } from '../../common/time.js';
import type { DataEntry, DataListContent, DataListEntriesWithdrawn, DataListExpanded } from './policy.events.js';

/** A list entry and the valid-time periods (half-open) in which it is on the list. */
export interface EntryPeriods extends DataEntry {
  readonly periods: readonly { readonly effectiveFrom: CalendarDate; readonly effectiveUntil?: CalendarDate }[];
}

/** Entries are identified by field and category; no category (the whole field) is its own entry. */
export const entryKey = (entry: DataEntry): string => JSON.stringify([entry.field, entry.category ?? null]);

/**
 * The entries of a list as its current content and the expansions and withdrawals recorded
 * since publication give them (policy.events.ts: an amendment replaces the published entries,
 * and earlier expansions and withdrawals still apply on top). Published entries are on the list
 * from the list's effectiveFrom; an expansion adds an entry from its date unless it is on the
 * list then already; a withdrawal ends an entry's open period from its date. Changes that no
 * longer fit (after an amendment) change nothing. The list's own term bounds every period.
 */
export function entryPeriods(content: DataListContent, changes: readonly (DataListExpanded | DataListEntriesWithdrawn)[]): EntryPeriods[] {
  type Period = { effectiveFrom: CalendarDate; effectiveUntil?: CalendarDate };
  const byKey = new Map<string, { entry: DataEntry; periods: Period[] }>();
  const periodsOf = (entry: DataEntry): Period[] => {
    const key = entryKey(entry);
    if (!byKey.has(key)) byKey.set(key, { entry: { field: entry.field, ...(entry.category !== undefined ? { category: entry.category } : {}) }, periods: [] });
    return byKey.get(key)!.periods;
  };
  for (const entry of content.entries) periodsOf(entry).push({ effectiveFrom: content.effectiveFrom });
  for (const change of changes) {
    const date = change.data.effectiveFrom;
    for (const entry of change.data.entries) {
      const periods = periodsOf(entry);
      const open = periods.find((p) => p.effectiveUntil === undefined);
      if (change.type === 'DataListExpanded') {
        if (!periods.some((p) => p.effectiveUntil === undefined || p.effectiveUntil > date)) periods.push({ effectiveFrom: date });
      } else if (open !== undefined && open.effectiveFrom <= date) {
        open.effectiveUntil = date;
      }
    }
  }
  return [...byKey.values()]
    .filter(({ periods }) => periods.length > 0)
    .map(({ entry, periods }) => ({ ...entry, periods }));
}
