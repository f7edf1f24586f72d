/**
 * A rendered report as the renderers give it (pure): named columns and rows, the same for every
 * output format (docs/api.md §14). A row names its `section` (transfer, total, lifted, …) and
 * fills the columns that section has; the CSV writes every column, the JSON only the filled ones.
 */

/** A cell: text, a number, a flag, a list of ids, or (policy event data) a JSON object. */
export type ReportCell = string | number | boolean | readonly string[] | Readonly<Record<string, unknown>>;

export type ReportRow = Readonly<Record<string, ReportCell | undefined>>;

export interface ReportTable {
  readonly columns: readonly string[];
  /** How many steps `rows` reports to `progress` in all (transfers to look at), for a progress bar. */
  readonly steps: number;
  /** The rows, walked afresh at every call (renderings repeat); `progress` is told how many steps are done. */
  rows(progress?: (done: number) => void): Iterable<ReportRow>;
}
