import type { CountSum } from '../../common/counts.js';
import { GrowableArray } from '../../common/growable-array.js';
import type { ImageReader, ImageWriter } from '../../common/snapshot-image.js';
import type { CalendarDate } from '../../common/time.js';
import { PairPrefixSums } from './pair-prefix-sums.js';

/** The people counted by the regimes' thresholds (docs/domain.md §4 step 4): each a count, at most 10^10 (src/common/counts.ts). */
export interface MetricCounts {
  readonly personalInfoSubjects: number;
  readonly sensitivePersonalInfoSubjects: number;
}

/** Sums of counts, exact at any size (src/common/counts.ts: numbers up to 2^53 − 1, bigints beyond). */
export interface MetricSums {
  readonly personalInfoSubjects: CountSum;
  readonly sensitivePersonalInfoSubjects: CountSum;
}

/**
 * Where a transfer stands in its company's order (docs/domain.md §4 step 4; docs/design.md): Shanghai
 * date, then the `occurredAt` instant, then ledger position. A transfer not yet in the log comes
 * after every known one with the same instant: position `Infinity`.
 */
export interface OrderKey {
  readonly date: CalendarDate;
  readonly occurredAtMs: number;
  readonly position: number;
}

/** A correction of the counts (absent = unchanged), recorded at `position`. */
interface CountCorrection {
  readonly position: number;
  readonly personalInfoSubjects?: number;
  readonly sensitivePersonalInfoSubjects?: number;
}

const INITIAL_CAPACITY = 1024;

/** Positions are bigint in the log; here they are doubles, exact up to 2^53. */
export function positionAsNumber(position: bigint): number {
  const n = Number(position);
  if (!Number.isSafeInteger(n)) throw new RangeError(`ledger position ${position} is beyond 2^53`);
  return n;
}

/** A knowledge cut as a double: a cut beyond every position stays beyond them. */
export const cutAsNumber = (cut: bigint): number => (cut > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(cut));

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` date, by arithmetic (days-from-civil): the hot path
 * computes two per evaluation, and Date.parse costs more than the rest of the window lookup.
 */
export function epochDay(date: CalendarDate): number {
  const y0 = (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
  const m = (date.charCodeAt(5) - 48) * 10 + (date.charCodeAt(6) - 48);
  const d = (date.charCodeAt(8) - 48) * 10 + (date.charCodeAt(9) - 48);
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/**
 * One company's transfers, sorted by order key, in columns (a window is a contiguous run). Readers
 * outside (listings, reports) get it through {@link TransferCounts.companyOrder} and only read it.
 */
export class CompanyTransfers {
  size = 0;
  readonly day = new GrowableArray(Int32Array, 16);
  readonly occurredMs = new GrowableArray(Float64Array, 16);
  readonly position = new GrowableArray(Float64Array, 16);
  readonly personal = new GrowableArray(Float64Array, 16);
  readonly sensitive = new GrowableArray(Float64Array, 16);
  readonly ordinal = new GrowableArray(Int32Array, 16);
  /** 1 when the transfer has corrections (then TransferCounts.countsAsOf decides its values). */
  readonly corrected = new GrowableArray(Uint8Array, 16);
  private readonly columns = [this.day, this.occurredMs, this.position, this.personal, this.sensitive, this.ordinal, this.corrected];
  /** The highest position of a transfer or correction of the company: a cut at or past it knows all of them, as they are now. */
  lastChange = -Infinity;
  /**
   * The prefix sums of the counts as they are now (every correction applied), in this order;
   * undefined until first needed and after a transfer is inserted before the last (then built
   * again). {@link TransferCounts.cumulative} answers from them in O(log n) at a cut past
   * {@link lastChange}.
   */
  currentSums?: PairPrefixSums;
  /** Set once the company's counts add up beyond 2^53 − 1: its sums are then always taken one by one, exactly. */
  beyondDoubles = false;

  /** The first index whose key is not before (day, ms, position). */
  lowerBound(day: number, ms: number, position: number): number {
    const days = this.day.array;
    const instants = this.occurredMs.array;
    const positions = this.position.array;
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const before = days[mid] !== day ? days[mid] < day : instants[mid] !== ms ? instants[mid] < ms : positions[mid] < position;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Inserts a transfer in order; answers its index. */
  insert(day: number, ms: number, position: number, personal: number, sensitive: number, ordinal: number): number {
    const { size } = this;
    for (const column of this.columns) column.reserve(size + 1);
    // Transfers mostly arrive in order (append at the end); back-filled ones shift the tail.
    const at = this.lowerBound(day, ms, position);
    if (at < size) {
      for (const column of this.columns) column.array.copyWithin(at + 1, at, size);
    }
    this.day.array[at] = day;
    this.occurredMs.array[at] = ms;
    this.position.array[at] = position;
    this.personal.array[at] = personal;
    this.sensitive.array[at] = sensitive;
    this.ordinal.array[at] = ordinal;
    this.corrected.array[at] = 0;
    this.size = size + 1;
    if (position > this.lastChange) this.lastChange = position;
    return at;
  }

  indexOf(day: number, ms: number, position: number): number {
    return this.lowerBound(day, ms, position);
  }

  /** The first index dated on or after the day (days since 1970-01-01). */
  firstOnOrAfter(day: number): number {
    return this.lowerBound(day, -Infinity, -Infinity);
  }

  /** The columns as they are now (copied: inserts shift them, corrections flag them). */
  saveTo(image: ImageWriter): void {
    image.number(this.size);
    for (const column of this.columns) image.growable(column, this.size);
  }

  /** Fills a new instance from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    this.size = image.number();
    for (const column of this.columns) image.growable(column);
    for (let i = 0; i < this.size; i++) if (this.position.array[i] > this.lastChange) this.lastChange = this.position.array[i];
  }
}

/**
 * Per company, every recorded transfer's order key and counts, with their corrections (pure).
 *
 * Built for a million transfers: per company, columns in typed arrays sorted by order key, so a
 * window's transfers are a contiguous run found by binary search on date. At a cut that knows
 * every transfer and correction of the company (every recording's, and every evaluation as known
 * now) the run's sum is the difference of two prefix sums (O(log n), `pair-prefix-sums.ts`),
 * where a sum in one pass made each recording cost more than the one before; at an earlier cut
 * the run is summed one transfer at a time, as known at that cut;
 * per transfer (by ordinal: its rank in recording order) its company and key, to find it again.
 * Corrections are rare and kept sparse.
 */
export class TransferCounts {
  private readonly ordinalById = new Map<string, number>();
  private count = 0;
  private readonly company = new GrowableArray(Int32Array, INITIAL_CAPACITY);
  private readonly day = new GrowableArray(Int32Array, INITIAL_CAPACITY);
  private readonly occurredMs = new GrowableArray(Float64Array, INITIAL_CAPACITY);
  private readonly position = new GrowableArray(Float64Array, INITIAL_CAPACITY);
  private readonly personal = new GrowableArray(Float64Array, INITIAL_CAPACITY);
  private readonly sensitive = new GrowableArray(Float64Array, INITIAL_CAPACITY);
  private readonly columns = [this.company, this.day, this.occurredMs, this.position, this.personal, this.sensitive];
  private readonly corrections = new Map<number, CountCorrection[]>();

  private readonly companyIndex = new Map<string, number>();
  private readonly companyNames: string[] = [];
  private readonly companies: CompanyTransfers[] = [];
  /** Company ids in id order, rebuilt when a company is added (companies are few beside transfers). */
  private sortedCompanies?: readonly string[];
  /** `YYYY-MM-DD` of each day number met, so that reading a million keys does not format a million dates. */
  private readonly dayTexts = new Map<number, string>();

  /** Number of transfers recorded. */
  get size(): number {
    return this.count;
  }

  ordinalOf(transferId: string): number | undefined {
    return this.ordinalById.get(transferId);
  }

  /** Records a transfer (in log order); answers its ordinal. A repeated id is ignored (answers the first). */
  record(transferId: string, companyId: string, key: OrderKey, counts: MetricCounts): number {
    const existing = this.ordinalById.get(transferId);
    if (existing !== undefined) return existing;
    for (const column of this.columns) column.reserve(this.count + 1);
    const ordinal = this.count++;
    const companyNo = this.companyNumber(companyId);
    const day = epochDay(key.date);
    this.company.array[ordinal] = companyNo;
    this.day.array[ordinal] = day;
    this.occurredMs.array[ordinal] = key.occurredAtMs;
    this.position.array[ordinal] = key.position;
    this.personal.array[ordinal] = counts.personalInfoSubjects;
    this.sensitive.array[ordinal] = counts.sensitivePersonalInfoSubjects;
    this.ordinalById.set(transferId, ordinal);
    const company = this.companies[companyNo];
    const at = company.insert(day, key.occurredAtMs, key.position, counts.personalInfoSubjects, counts.sensitivePersonalInfoSubjects, ordinal);
    if (company.currentSums && at === company.size - 1) {
      company.currentSums.push(counts.personalInfoSubjects, counts.sensitivePersonalInfoSubjects);
      this.checkWithinDoubles(company);
    } else {
      company.currentSums = undefined; // inserted before the last: built again when next needed
    }
    return ordinal;
  }

  /** Records a correction of a transfer's counts at `position` (in log order). Unknown transfers are ignored. */
  correct(transferId: string, position: number, changes: Partial<MetricCounts>): void {
    const ordinal = this.ordinalById.get(transferId);
    if (ordinal === undefined) return;
    const { personalInfoSubjects, sensitivePersonalInfoSubjects } = changes;
    if (personalInfoSubjects === undefined && sensitivePersonalInfoSubjects === undefined) return;
    const before = this.countsAsOf(ordinal, Infinity);
    const list = this.corrections.get(ordinal) ?? [];
    list.push({ position, personalInfoSubjects, sensitivePersonalInfoSubjects });
    this.corrections.set(ordinal, list);
    const company = this.companies[this.company.array[ordinal]];
    const at = company.indexOf(this.day.array[ordinal], this.occurredMs.array[ordinal], this.position.array[ordinal]);
    company.corrected.array[at] = 1;
    if (position > company.lastChange) company.lastChange = position;
    if (company.currentSums) {
      const after = this.countsAsOf(ordinal, Infinity);
      company.currentSums.add(at, after.personalInfoSubjects - before.personalInfoSubjects, after.sensitivePersonalInfoSubjects - before.sensitivePersonalInfoSubjects);
      this.checkWithinDoubles(company);
    }
  }

  /**
   * The company's prefix sums when they answer for `cut`: the cut knows every transfer and
   * correction of the company (so each counts with its values as they are now), and the sums
   * are exact (the company's total is at most 2^53 − 1). Built on first need, in O(n log n).
   */
  private currentSumsAt(c: CompanyTransfers, cut: number): PairPrefixSums | undefined {
    if (cut < c.lastChange || c.beyondDoubles) return undefined;
    if (!c.currentSums) {
      const sums = new PairPrefixSums();
      for (let i = 0; i < c.size; i++) {
        if (c.corrected.array[i] === 1) {
          const now = this.countsAsOf(c.ordinal.array[i], Infinity);
          sums.push(now.personalInfoSubjects, now.sensitivePersonalInfoSubjects);
        } else {
          sums.push(c.personal.array[i], c.sensitive.array[i]);
        }
      }
      c.currentSums = sums;
      this.checkWithinDoubles(c);
    }
    return c.currentSums;
  }

  /**
   * Drops the company's prefix sums for good once its counts add up beyond 2^53 − 1. While the
   * total is within, every node and prefix of the sums (sums of non-negative integers no larger
   * than the total) is exact, and so is a difference of two prefixes.
   */
  private checkWithinDoubles(c: CompanyTransfers): void {
    const [personal, sensitive] = c.currentSums?.total() ?? [0, 0];
    if (personal <= Number.MAX_SAFE_INTEGER && sensitive <= Number.MAX_SAFE_INTEGER) return;
    c.beyondDoubles = true;
    c.currentSums = undefined;
  }

  /** The transfer's company, order key (with its own position) and ledger position of recording. */
  keyOf(ordinal: number): OrderKey & { readonly companyId: string } {
    return {
      companyId: this.companyNames[this.company.array[ordinal]],
      date: this.dateOf(this.day.array[ordinal]),
      occurredAtMs: this.occurredMs.array[ordinal],
      position: this.position.array[ordinal],
    };
  }

  /** The `YYYY-MM-DD` of a day number (days since 1970-01-01). */
  dateOf(day: number): CalendarDate {
    let text = this.dayTexts.get(day);
    if (text === undefined) {
      text = new Date(day * 86_400_000).toISOString().slice(0, 10);
      this.dayTexts.set(day, text);
    }
    return text;
  }

  /** The company of a transfer, by ordinal. */
  companyOf(ordinal: number): string {
    return this.companyNames[this.company.array[ordinal]];
  }

  /** Every company with a recorded transfer, in id order. */
  companyIds(): readonly string[] {
    this.sortedCompanies ??= [...this.companyNames].sort();
    return this.sortedCompanies;
  }

  /** The company's transfers in order key order (read only), or undefined when it has none. */
  companyOrder(companyId: string): CompanyTransfers | undefined {
    const companyNo = this.companyIndex.get(companyId);
    return companyNo === undefined ? undefined : this.companies[companyNo];
  }

  /** The corrections of the transfer's counts, in log order (absent count: unchanged). */
  countCorrectionsOf(ordinal: number): readonly { readonly position: number; readonly personalInfoSubjects?: number; readonly sensitivePersonalInfoSubjects?: number }[] {
    return this.corrections.get(ordinal) ?? [];
  }

  /** True when the transfer has corrections of its counts (then {@link countsAsOf} decides its values at a cut). */
  hasCountCorrections(ordinal: number): boolean {
    return this.corrections.has(ordinal);
  }

  /** The transfer's counts with the corrections recorded at or before `cut` (later ones win). */
  countsAsOf(ordinal: number, cut: number): MetricCounts {
    let personalInfoSubjects = this.personal.array[ordinal];
    let sensitivePersonalInfoSubjects = this.sensitive.array[ordinal];
    for (const correction of this.corrections.get(ordinal) ?? []) {
      if (correction.position > cut) break; // kept in log order
      personalInfoSubjects = correction.personalInfoSubjects ?? personalInfoSubjects;
      sensitivePersonalInfoSubjects = correction.sensitivePersonalInfoSubjects ?? sensitivePersonalInfoSubjects;
    }
    return { personalInfoSubjects, sensitivePersonalInfoSubjects };
  }

  /**
   * The sum of the counts of the company's transfers known at `cut` (recorded at or before it)
   * whose date is ≥ `fromDate` and whose order key comes before `key`, with their values as
   * corrected by `cut` (docs/domain.md §4 step 4, without the transfer under evaluation itself).
   *
   * Exact at any size. Every stored count is an integer from 0 to 10^10 (the deciders and the
   * edge refuse others), so each is a double exactly. Adding non-negative integers in doubles is
   * exact while the running sum stays at most 2^53 − 1 (every integer up to there is a double),
   * and the running sums only grow: so when the final sum is at most 2^53 − 1, every partial sum
   * was too and the sum is exact. When it is beyond (a window would need more than 900,719
   * transfers of 10^10 people each), rounding in doubles never brings a sum back below 2^53, so
   * that case is recognised, and the sum is taken again in bigints. The prefix sums answer only
   * while the company's whole total is at most 2^53 − 1 (see {@link checkWithinDoubles}).
   */
  cumulative(companyId: string, fromDate: CalendarDate, key: OrderKey, cut: number): MetricSums {
    const companyNo = this.companyIndex.get(companyId);
    if (companyNo === undefined) return { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 };
    const c = this.companies[companyNo];
    const start = c.lowerBound(epochDay(fromDate), -Infinity, -Infinity);
    const end = c.lowerBound(epochDay(key.date), key.occurredAtMs, key.position);
    if (start >= end) return { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 };
    const sums = this.currentSumsAt(c, cut);
    if (sums) {
      const [personalBefore, sensitiveBefore] = sums.prefix(start);
      const [personalThrough, sensitiveThrough] = sums.prefix(end);
      return { personalInfoSubjects: personalThrough - personalBefore, sensitivePersonalInfoSubjects: sensitiveThrough - sensitiveBefore };
    }
    // A cut before some of the company's transfers or corrections: each transfer as known at the cut, one by one.
    const positions = c.position.array;
    const corrected = c.corrected.array;
    const personalCounts = c.personal.array;
    const sensitiveCounts = c.sensitive.array;
    let personal = 0;
    let sensitive = 0;
    for (let i = start; i < end; i++) {
      if (positions[i] > cut) continue;
      if (corrected[i] === 1) {
        const counts = this.countsAsOf(c.ordinal.array[i], cut);
        personal += counts.personalInfoSubjects;
        sensitive += counts.sensitivePersonalInfoSubjects;
      } else {
        personal += personalCounts[i];
        sensitive += sensitiveCounts[i];
      }
    }
    if (personal <= Number.MAX_SAFE_INTEGER && sensitive <= Number.MAX_SAFE_INTEGER) return { personalInfoSubjects: personal, sensitivePersonalInfoSubjects: sensitive };
    return this.exactCumulative(c, start, end, cut);
  }

  /** {@link cumulative} in bigints, for sums beyond 2^53 − 1 (each a bigint only when it is beyond). */
  private exactCumulative(c: CompanyTransfers, start: number, end: number, cut: number): MetricSums {
    let personal = 0n;
    let sensitive = 0n;
    for (let i = start; i < end; i++) {
      if (c.position.array[i] > cut) continue;
      const counts = c.corrected.array[i] === 1
        ? this.countsAsOf(c.ordinal.array[i], cut)
        : { personalInfoSubjects: c.personal.array[i], sensitivePersonalInfoSubjects: c.sensitive.array[i] };
      personal += BigInt(counts.personalInfoSubjects);
      sensitive += BigInt(counts.sensitivePersonalInfoSubjects);
    }
    const narrow = (sum: bigint): CountSum => (sum <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(sum) : sum);
    return { personalInfoSubjects: narrow(personal), sensitivePersonalInfoSubjects: narrow(sensitive) };
  }

  /**
   * The counts as they are now (docs/design.md "Snapshots"): the per-transfer columns (only ever
   * appended to), each company's sorted columns, the companies and the corrections. The ids are
   * RecordedTransfers' to save: {@link restoreFrom} is given them back.
   */
  saveTo(image: ImageWriter): void {
    image.number(this.count);
    for (const column of this.columns) image.growable(column, this.count, true);
    image.strings(this.companyNames);
    for (const company of this.companies) company.saveTo(image);
    image.json([...this.corrections]);
  }

  /** Fills a new instance from {@link saveTo}'s image and the ids of the transfers by ordinal. */
  restoreFrom(image: ImageReader, ids: readonly string[]): void {
    this.count = image.number();
    for (const column of this.columns) image.growable(column);
    for (const companyId of image.strings()) {
      const company = this.companies[this.companyNumber(companyId)];
      company.restoreFrom(image);
    }
    for (const [ordinal, list] of image.json<[number, CountCorrection[]][]>()) {
      this.corrections.set(ordinal, list);
      const company = this.companies[this.company.array[ordinal]];
      for (const { position } of list) if (position > company.lastChange) company.lastChange = position;
    }
    for (let ordinal = 0; ordinal < this.count; ordinal++) this.ordinalById.set(ids[ordinal], ordinal);
  }

  private companyNumber(companyId: string): number {
    let companyNo = this.companyIndex.get(companyId);
    if (companyNo === undefined) {
      companyNo = this.companies.length;
      this.companyIndex.set(companyId, companyNo);
      this.companyNames.push(companyId);
      this.companies.push(new CompanyTransfers());
      this.sortedCompanies = undefined;
    }
    return companyNo;
  }
}
