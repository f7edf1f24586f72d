/**
 * Valid-time helpers (docs/domain.md §2). Valid time is a calendar date in Asia/Shanghai (UTC+8, no
 * daylight saving), written `YYYY-MM-DD`. Intervals are half-open: `from` is the first day in
 * force, `until` the first day no longer in force; an absent `until` means open-ended.
 * Dates are strings; ISO dates compare correctly as strings.
 */

export type CalendarDate = string;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO 8601 instant with a mandatory offset (Z or ±hh:mm), seconds and fraction optional. */
const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})$/;

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/**
 * The valid-time range of the ledger (docs/api.md §1): every date, and the Shanghai date of every
 * instant, lies in it. Four-digit years keep dates comparable as strings, and `toISOString`
 * writes years after 9999 as `+010000`: a date the ledger could not read back.
 */
export const FIRST_DATE: CalendarDate = '1970-01-01';
export const LAST_DATE: CalendarDate = '9999-12-31';

/** What {@link isCalendarDate} and {@link isInstant} ask for, in words (for messages). */
export const DATE_RULE = `must be a calendar date YYYY-MM-DD from ${FIRST_DATE} to ${LAST_DATE}`;
export const INSTANT_RULE = `must be an ISO 8601 instant with an offset (e.g. 2025-05-16T17:30:00+08:00) whose Shanghai date is from ${FIRST_DATE} to ${LAST_DATE}`;

/** The first and last milliseconds whose Shanghai date is in the range. */
const FIRST_INSTANT_MS = Date.parse(`${FIRST_DATE}T00:00:00+08:00`);
const LAST_INSTANT_MS = Date.parse(`${LAST_DATE}T23:59:59.999+08:00`);

/** True for a real calendar date in `YYYY-MM-DD` form (no 2025-02-30) from {@link FIRST_DATE} to {@link LAST_DATE}. */
export function isCalendarDate(text: unknown): text is CalendarDate {
  if (typeof text !== 'string') return false;
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1970 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/**
 * True for an ISO 8601 instant with an explicit offset that names a real moment whose Shanghai
 * date lies from {@link FIRST_DATE} to {@link LAST_DATE}.
 */
export function isInstant(text: unknown): text is string {
  if (typeof text !== 'string') return false;
  const match = INSTANT_PATTERN.exec(text);
  if (!match) return false;
  if (!isWrittenDate(Number(match[1]), Number(match[2]), Number(match[3]))) return false;
  const [hour, minute, second] = [Number(match[4]), Number(match[5]), Number(match[6] ?? '0')];
  if (hour > 23 || minute > 59 || second > 59) return false;
  const offset = match[8];
  if (offset !== 'Z') {
    const [oh, om] = offset.slice(1).split(':').map(Number);
    if (oh > 18 || om > 59) return false;
  }
  const ms = Date.parse(text);
  return !Number.isNaN(ms) && ms >= FIRST_INSTANT_MS && ms <= LAST_INSTANT_MS;
}

/** A real date as written in an instant (any year: the offset may move it into the range). */
const isWrittenDate = (year: number, month: number, day: number): boolean => month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);

/** Milliseconds since the epoch of an ISO instant (validate with isInstant first). */
export const instantToEpochMs = (instant: string): number => Date.parse(instant);

/** The Shanghai calendar date on which an instant falls: 2025-05-16T17:30:00Z → 2025-05-17. */
export function shanghaiDateOf(instant: string | Date | number): CalendarDate {
  const ms = instant instanceof Date ? instant.getTime() : typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return new Date(ms + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * D + N months, clamped to the month's last day (2024-01-31 + 1 month = 2024-02-29). A term of
 * N months from D ends at this date, exclusive (docs/domain.md §2).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`not a calendar date: ${date}`);
  const total = Number(match[1]) * 12 + (Number(match[2]) - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(Number(match[3]), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The date one day later or earlier. */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** Days since 1970-01-01 (handy for compact storage and arithmetic). */
export const dayNumber = (date: CalendarDate): number => Math.round(Date.parse(`${date}T00:00:00Z`) / 86_400_000);

/** 1 January of the date's year, or of `yearsBack` years before. */
export const startOfYear = (date: CalendarDate, yearsBack = 0): CalendarDate =>
  `${String(Number(date.slice(0, 4)) - yearsBack).padStart(4, '0')}-01-01`;

/** A half-open interval of valid time. */
export interface DateInterval {
  readonly from: CalendarDate;
  /** Exclusive; undefined = open-ended. */
  readonly until?: CalendarDate;
}

/** Does the half-open interval hold on the date? */
export const holdsOn = (interval: DateInterval, date: CalendarDate): boolean =>
  interval.from <= date && (interval.until === undefined || date < interval.until);

/** The earlier of two optional exclusive ends (undefined = open). */
export const earlierEnd = (a: CalendarDate | undefined, b: CalendarDate | undefined): CalendarDate | undefined =>
  a === undefined ? b : b === undefined ? a : a < b ? a : b;
