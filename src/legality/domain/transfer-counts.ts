import type { CalendarDate } from '../../shared/time.js';

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

/** One company's transfers, sorted by order key, in columns (a window is a contiguous run). */
class CompanyTransfers {
  size = 0;
  day = new Int32Array(16);
  occurredMs = new Float64Array(16);
  position = new Float64Array(16);
  personal = new Float64Array(16);
  sensitive = new Float64Array(16);
  ordinal = new Int32Array(16);
  /** 1 when the transfer has corrections (then TransferCounts.countsAsOf decides its values). */
  corrected = new Uint8Array(16);

  /** The first index whose key is not before (day, ms, position). */
  lowerBound(day: number, ms: number, position: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const before =
        this.day[mid] !== day ? this.day[mid] < day : this.occurredMs[mid] !== ms ? this.occurredMs[mid] < ms : this.position[mid] < position;
      if (before) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(day: number, ms: number, position: number, personal: number, sensitive: number, ordinal: number): void {
    if (this.size === this.day.length) this.grow();
    // Transfers mostly arrive in order (append at the end); back-filled ones shift the tail.
    const at = this.lowerBound(day, ms, position);
    const { size } = this;
    if (at < size) {
      for (const column of [this.day, this.occurredMs, this.position, this.personal, this.sensitive, this.ordinal, this.corrected]) column.copyWithin(at + 1, at, size);
    }
    this.day[at] = day;
    this.occurredMs[at] = ms;
    this.position[at] = position;
    this.personal[at] = personal;
    this.sensitive[at] = sensitive;
    this.ordinal[at] = ordinal;
    this.corrected[at] = 0;
    this.size = size + 1;
  }

  indexOf(day: number, ms: number, position: number): number {
    return this.lowerBound(day, ms, position);
  }

  private grow(): void {
    const capacity = this.day.length * 2;
    this.day = grown(this.day, capacity);
    this.occurredMs = grown(this.occurredMs, capacity);
    this.position = grown(this.position, capacity);
    this.personal = grown(this.personal, capacity);
    this.sensitive = grown(this.sensitive, capacity);
    this.ordinal = grown(this.ordinal, capacity);
    this.corrected = grown(this.corrected, capacity);
  }
}

/**
 * Per company, every recorded transfer's order key and counts, with their corrections (pure).
 *
 * Built for a million transfers: per company, columns in typed arrays sorted by order key, so a
 * window's transfers are a contiguous run found by binary search on date and summed in one pass;
 * per transfer (by ordinal: its rank in recording order) its company and key, to find it again.
 * Corrections are rare and kept sparse.
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
  private readonly companies: CompanyTransfers[] = [];

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
    const day = epochDay(key.date);
    this.company[ordinal] = companyNo;
    this.day[ordinal] = day;
    this.occurredMs[ordinal] = key.occurredAtMs;
    this.position[ordinal] = key.position;
    this.personal[ordinal] = counts.personalInfoSubjects;
    this.sensitive[ordinal] = counts.sensitivePersonalInfoSubjects;
    this.ordinalById.set(transferId, ordinal);
    this.companies[companyNo].insert(day, key.occurredAtMs, key.position, counts.personalInfoSubjects, counts.sensitivePersonalInfoSubjects, ordinal);
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
    const company = this.companies[this.company[ordinal]];
    company.corrected[company.indexOf(this.day[ordinal], this.occurredMs[ordinal], this.position[ordinal])] = 1;
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
    const c = this.companies[companyNo];
    const start = c.lowerBound(epochDay(fromDate), -Infinity, -Infinity);
    const end = c.lowerBound(epochDay(key.date), key.occurredAtMs, key.position);
    let personal = 0;
    let sensitive = 0;
    for (let i = start; i < end; i++) {
      if (c.position[i] > cut) continue;
      if (c.corrected[i] === 1) {
        const counts = this.countsAsOf(c.ordinal[i], cut);
        personal += counts.personalInfoSubjects;
        sensitive += counts.sensitivePersonalInfoSubjects;
      } else {
        personal += c.personal[i];
        sensitive += c.sensitive[i];
      }
    }
    return { personalInfoSubjects: personal, sensitivePersonalInfoSubjects: sensitive };
  }

  private companyNumber(companyId: string): number {
    let companyNo = this.companyIndex.get(companyId);
    if (companyNo === undefined) {
      companyNo = this.companies.length;
      this.companyIndex.set(companyId, companyNo);
      this.companyNames.push(companyId);
      this.companies.push(new CompanyTransfers());
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
