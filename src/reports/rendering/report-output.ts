import { stringify } from 'csv-stringify/sync';
import { createHash } from 'node:crypto';
import { canonicalJson } from '../../common/canonical-json.js';
import type { ReportCell, ReportRow, ReportTable } from '../domain/report-table.js';

/**
 * The two renderings of a report (docs/api.md §14), written in batches to a sink with
 * backpressure so that a million-row report never sits in memory, and hashed on the way:
 * - CSV (RFC 4180: CRLF line ends, fields quoted when they hold a comma, quote or line break, by
 *   csv-stringify): a header row with every column, then one line per row; lists are joined by
 *   spaces, policy event data is its canonical JSON. `contentSha256` is the SHA-256 of the bytes.
 * - JSON: the whole body is canonical JSON (keys sorted, no spaces: src/common/canonical-json.ts),
 *   `{"content":{"columns":[…],"rows":[{…}]},"contentSha256":"…",…}` with each row holding its
 *   filled cells only; `contentSha256` is the SHA-256 of the canonical JSON of `content`, which
 *   anyone can recompute from the parsed body. Its key sorts right after `content`, so it is
 *   written as soon as the content is.
 */

/** Where a rendering goes: a write may return a promise to say "wait before the next" (backpressure). */
export interface TextSink {
  write(text: string): void | Promise<void>;
}

/** Rows per batch handed to csv-stringify and the sink. */
const BATCH = 256;

/** A cell as CSV text. */
function cellText(cell: ReportCell | undefined): string {
  if (cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (Array.isArray(cell)) return cell.join(' ');
  return canonicalJson(cell);
}

const CSV_OPTIONS = { record_delimiter: 'windows' } as const;

/** Writes the CSV rendering to the sink; answers its SHA-256 (hex). */
export async function writeCsv(table: ReportTable, sink: TextSink, progress?: (done: number) => void): Promise<string> {
  const hash = createHash('sha256');
  const emit = async (text: string): Promise<void> => {
    hash.update(text, 'utf8');
    await sink.write(text);
  };
  await emit(stringify([table.columns], CSV_OPTIONS));
  const { columns } = table;
  let batch: string[][] = [];
  for (const row of table.rows(progress)) {
    const cells = new Array<string>(columns.length);
    for (let c = 0; c < columns.length; c++) cells[c] = cellText(row[columns[c]]);
    batch.push(cells);
    if (batch.length === BATCH) {
      await emit(stringify(batch, CSV_OPTIONS));
      batch = [];
    }
  }
  if (batch.length > 0) await emit(stringify(batch, CSV_OPTIONS));
  return hash.digest('hex');
}

/** The SHA-256 of the CSV rendering, without keeping it (the header a CSV answer carries before its body). */
export const csvDigest = (table: ReportTable): Promise<string> => writeCsv(table, { write: () => undefined });

/** A row with only its filled cells, as the JSON rendering holds it. */
function filled(row: ReportRow): Record<string, ReportCell> {
  const cells: Record<string, ReportCell> = {};
  for (const [column, cell] of Object.entries(row)) if (cell !== undefined) cells[column] = cell;
  return cells;
}

/**
 * Writes the JSON rendering: `meta` (report id, kind, parameters, cut, …: any keys sorting after
 * `contentSha256`) around the content; answers the content's SHA-256 (hex).
 */
export async function writeJson(table: ReportTable, meta: Readonly<Record<string, unknown>>, sink: TextSink, progress?: (done: number) => void): Promise<string> {
  for (const key of Object.keys(meta)) if (key <= 'contentSha256') throw new RangeError(`report meta key ${key} would sort before contentSha256`);
  const hash = createHash('sha256');
  const content = async (text: string): Promise<void> => {
    hash.update(text, 'utf8');
    await sink.write(text);
  };
  await sink.write('{"content":');
  await content(`{"columns":${canonicalJson(table.columns)},"rows":[`);
  let batch = '';
  let count = 0;
  for (const row of table.rows(progress)) {
    batch += (count++ > 0 ? ',' : '') + canonicalJson(filled(row));
    if (count % BATCH === 0) {
      await content(batch);
      batch = '';
    }
  }
  await content(`${batch}]}`);
  const digest = hash.digest('hex');
  const rest = canonicalJson(meta);
  await sink.write(`,"contentSha256":"${digest}"${rest === '{}' ? '}' : `,${rest.slice(1)}`}`);
  return digest;
}
