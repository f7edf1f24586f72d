/** A summary value: scalars as recorded (long text cut), lists and deeper objects by their size. */
export type SummaryValue = string | number | boolean | null;

/** Longer text is cut here (verdict explanations, titles): the timeline is for scanning, GET the fact for the rest. */
const MAX_TEXT = 120;
/** Nested objects are flattened to dotted keys this deep (`verdict.requirement`, `changes.category`). */
const MAX_DEPTH = 2;

const cut = (text: string): string => (text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text);

/**
 * A flat, bounded summary of any event's data, the same for every event type (the log may hold
 * events of streams the ledger does not own): `{listId: "lingang-gdl-2024", entries: "13 items",
 * "verdict.requirement": "none", "verdict.basis": "3 items"}`. Keys keep the data's order.
 */
export function summarizeData(data: Readonly<Record<string, unknown>>, prefix = '', depth = 1): Record<string, SummaryValue> {
  const summary: Record<string, SummaryValue> = {};
  for (const [key, value] of Object.entries(data)) {
    const path = prefix + key;
    if (value === null || typeof value === 'number' || typeof value === 'boolean') summary[path] = value;
    else if (typeof value === 'string') summary[path] = cut(value);
    else if (Array.isArray(value)) summary[path] = value.length === 1 ? '1 item' : `${value.length} items`;
    else if (typeof value === 'object' && depth < MAX_DEPTH) Object.assign(summary, summarizeData(value as Record<string, unknown>, `${path}.`, depth + 1));
    else if (typeof value === 'object') summary[path] = `{${Object.keys(value).length} fields}`;
  }
  return summary;
}
