import { dayNumber, type CalendarDate } from '../../shared/time.js';

/** The people counted by the regimes' thresholds (DOMAIN.md §4 step 4). */
export interface MetricCounts {
  readonly personalInfoSubjects: number;
  readonly sensitivePersonalInfoSubjects: number;
}

/**
 * Where a transfer stands in its company's order (DOMAIN.md §4 step 4; docs/design.md): Shanghai
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

/** A copy of the typed array with a larger capacity. */
export const grown = <A extends Int32Array | Float64Array | Uint8Array>(array: A, capacity: number): A => {
  const next = new (array.constructor as new (length: number) => A)(capacity);
  next.set(array);
  return next;
};

/** Positions are bigint in the log; here they are doubles, exact up to 2^53. */
export function positionAsNumber(position: bigint): number {
  const n = Number(position);
  if (!Number.isSafeInteger(n)) throw new RangeError(`ledger position ${position} is beyond 2^53`);
  return n;
}

/** A knowledge cut as a double: a cut beyond every position stays beyond them. */
export const cutAsNumber = (cut: bigint): number => (cut > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(cut));

/**
 * Per company, every recorded transfer's order key and counts, with their corrections (pure).
 *
 * Built for a million transfers: columns in typed arrays indexed by an ordinal (the transfer's
 * rank in recording order), and per company an array of ordinals sorted by order key, so a
 * window's transfers are found by binary search on date. Corrections are rare and kept sparse.
 */
export class TransferCounts {
  private readonly ordinalById = new Map<string, number>();
  private count = 0;
  private company = new Int32Array(INITIAL_CAPACITY);
  private day = new Int32Array(INITIAL_CAPACITY);
  private occurredMs = new Float64Array(INITIAL_CAPACITY);
  private position = new Float64Array(INITIAL_CAPACITY);
  private personal = new Float64Array(INITIAL_CAPACITY);
  private sensitive = new Float64Array(INITIAL_CAPACITY);
  private readonly corrections = new Map<number, CountCorrection[]>();

  private readonly companyIndex = new Map<string, number>();
  private readonly companyNames: string[] = [];
  private readonly sorted: Int32Array[] = [];
  private readonly sortedSize: number[] = [];

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
    if (this.count === this.day.length) this.grow();
    const ordinal = this.count++;
    const companyNo = this.companyNumber(companyId);
    this.company[ordinal] = companyNo;
    this.day[ordinal] = dayNumber(key.date);
    this.occurredMs[ordinal] = key.occurredAtMs;
    this.position[ordinal] = key.position;
    this.personal[ordinal] = counts.personalInfoSubjects;
    this.sensitive[ordinal] = counts.sensitivePersonalInfoSubjects;
    this.ordinalById.set(transferId, ordinal);
    this.insertSorted(companyNo, ordinal);
    return ordinal;
  }

  /** Records a correction of a transfer's counts at `position` (in log order). Unknown transfers are ignored. */
  correct(transferId: string, position: number, changes: Partial<MetricCounts>): void {
    const ordinal = this.ordinalById.get(transferId);
    if (ordinal === undefined) return;
    const { personalInfoSubjects, sensitivePersonalInfoSubjects } = changes;
    if (personalInfoSubjects === undefined && sensitivePersonalInfoSubjects === undefined) return;
    const list = this.corrections.get(ordinal) ?? [];
    list.push({ position, personalInfoSubjects, sensitivePersonalInfoSubjects });
    this.corrections.set(ordinal, list);
  }

  /** The transfer's company, order key (with its own position) and ledger position of recording. */
  keyOf(ordinal: number): OrderKey & { readonly companyId: string } {
    return {
      companyId: this.companyNames[this.company[ordinal]],
      date: new Date(this.day[ordinal] * 86_400_000).toISOString().slice(0, 10),
      occurredAtMs: this.occurredMs[ordinal],
      position: this.position[ordinal],
    };
  }

  /** The transfer's counts with the corrections recorded at or before `cut` (later ones win). */
  countsAsOf(ordinal: number, cut: number): MetricCounts {
    let personalInfoSubjects = this.personal[ordinal];
    let sensitivePersonalInfoSubjects = this.sensitive[ordinal];
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
   * corrected by `cut` (DOMAIN.md §4 step 4, without the transfer under evaluation itself).
   */
  cumulative(companyId: string, fromDate: CalendarDate, key: OrderKey, cut: number): MetricCounts {
    const companyNo = this.companyIndex.get(companyId);
    if (companyNo === undefined) return { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 };
    const ordinals = this.sorted[companyNo];
    const fromDay = dayNumber(fromDate);
    const keyDay = dayNumber(key.date);
    const start = this.lowerBound(ordinals, this.sortedSize[companyNo], (o) => this.day[o] < fromDay);
    const end = this.lowerBound(ordinals, this.sortedSize[companyNo], (o) => this.before(o, keyDay, key.occurredAtMs, key.position));
    let personal = 0;
    let sensitive = 0;
    for (let i = start; i < end; i++) {
      const o = ordinals[i];
      if (this.position[o] > cut) continue;
      if (this.corrections.has(o)) {
        const counts = this.countsAsOf(o, cut);
        personal += counts.personalInfoSubjects;
        sensitive += counts.sensitivePersonalInfoSubjects;
      } else {
        personal += this.personal[o];
        sensitive += this.sensitive[o];
      }
    }
    return { personalInfoSubjects: personal, sensitivePersonalInfoSubjects: sensitive };
  }

  /** Does the transfer `o` come strictly before the key (date, instant, position)? */
  private before(o: number, day: number, ms: number, position: number): boolean {
    if (this.day[o] !== day) return this.day[o] < day;
    if (this.occurredMs[o] !== ms) return this.occurredMs[o] < ms;
    return this.position[o] < position;
  }

  /** The first index in [0, size) whose ordinal does not satisfy `isBefore` (which holds for a prefix). */
  private lowerBound(ordinals: Int32Array, size: number, isBefore: (ordinal: number) => boolean): number {
    let lo = 0;
    let hi = size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isBefore(ordinals[mid])) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertSorted(companyNo: number, ordinal: number): void {
    let ordinals = this.sorted[companyNo];
    const size = this.sortedSize[companyNo];
    if (size === ordinals.length) {
      ordinals = grown(ordinals, ordinals.length * 2);
      this.sorted[companyNo] = ordinals;
    }
    // Transfers mostly arrive in order (append at the end); back-filled ones shift the tail.
    const at = this.lowerBound(ordinals, size, (o) => this.before(o, this.day[ordinal], this.occurredMs[ordinal], this.position[ordinal]));
    ordinals.copyWithin(at + 1, at, size);
    ordinals[at] = ordinal;
    this.sortedSize[companyNo] = size + 1;
  }

  private companyNumber(companyId: string): number {
    let companyNo = this.companyIndex.get(companyId);
    if (companyNo === undefined) {
      companyNo = this.sorted.length;
      this.companyIndex.set(companyId, companyNo);
      this.companyNames.push(companyId);
      this.sorted.push(new Int32Array(16));
      this.sortedSize.push(0);
    }
    return companyNo;
  }

  private grow(): void {
    const capacity = this.day.length * 2;
    this.company = grown(this.company, capacity);
    this.day = grown(this.day, capacity);
    this.occurredMs = grown(this.occurredMs, capacity);
    this.position = grown(this.position, capacity);
    this.personal = grown(this.personal, capacity);
    this.sensitive = grown(this.sensitive, capacity);
  }
}
