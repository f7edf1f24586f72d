import { GrowableArray } from '../../common/growable-array.js';
import type { ImageReader, ImageWriter } from '../../common/snapshot-image.js';

/** Which events of the log a filtered timeline page asks for (docs/api.md §9 "GET /v1/audit/timeline"). */
export interface LogSelection {
  /** Only events of this type. */
  readonly type?: string;
  /** Only events about this company (see {@link LogIndex}). */
  readonly companyId?: string;
  /** Inclusive. */
  readonly fromPosition: bigint;
  /** Inclusive; absent: up to the end. */
  readonly toPosition?: bigint;
  readonly limit: number;
}

/** The positions of a page of selected events, and the position of the first event of the next page (null after the last). */
export interface LogPage {
  readonly positions: readonly bigint[];
  readonly next: bigint | null;
}

/** Event numbers (ranks in the log) of one type or one company, ascending. */
class Postings {
  size = 0;
  readonly events = new GrowableArray(Int32Array, 16);
  push(event: number): void {
    this.events.reserve(this.size + 1);
    this.events.array[this.size++] = event;
  }
}

/**
 * The log in recording order, indexed by event type and by company (pure), so that a filtered
 * timeline page reads only the events it shows instead of scanning the log: per event its
 * position, `recordedAt`, type and company in typed arrays, and per type and per company the
 * ranks of their events. An event is about a company when its data names it as `companyId`
 * (company facts, instruments, transfers) or, for a correction, when its transfer does: the
 * projections tell (legality.projections.ts).
 */
export class LogIndex {
  private count = 0;
  private readonly positions = new GrowableArray(Float64Array, 1024);
  private readonly recordedAt = new GrowableArray(Float64Array, 1024);
  private readonly typeCodes = new Map<string, number>();
  private readonly byType: Postings[] = [];
  private readonly companyCodes = new Map<string, number>();
  private readonly byCompany: Postings[] = [];

  /** Number of events indexed. */
  get size(): number {
    return this.count;
  }

  /** Adds the next event of the log (in log order). */
  add(position: bigint, recordedAtMs: number, type: string, companyId?: string): void {
    const event = this.count++;
    this.positions.reserve(event + 1);
    this.recordedAt.reserve(event + 1);
    this.positions.array[event] = Number(position);
    this.recordedAt.array[event] = recordedAtMs;
    this.postings(this.typeCodes, this.byType, type).push(event);
    if (companyId !== undefined) this.postings(this.companyCodes, this.byCompany, companyId).push(event);
  }

  /** The index as it is now (docs/design.md "Snapshots"): every column here is only appended to. */
  saveTo(image: ImageWriter): void {
    image.number(this.count);
    image.growable(this.positions, this.count, true);
    image.growable(this.recordedAt, this.count, true);
    for (const [codes, lists] of [[this.typeCodes, this.byType], [this.companyCodes, this.byCompany]] as const) {
      image.strings([...codes.keys()]);
      for (const list of lists) image.growable(list.events, list.size, true);
    }
  }

  /** Fills a new instance from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    this.count = image.number();
    image.growable(this.positions);
    image.growable(this.recordedAt);
    for (const [codes, lists] of [[this.typeCodes, this.byType], [this.companyCodes, this.byCompany]] as const) {
      for (const key of image.strings()) {
        const list = this.postings(codes, lists, key);
        list.size = image.growable(list.events);
      }
    }
  }

  /** When the event at `position` was recorded (epoch ms), or undefined when no event is there. */
  recordedAtOf(position: bigint): number | undefined {
    const event = this.eventAt(Number(position));
    return event === undefined ? undefined : this.recordedAt.array[event];
  }

  /** The selected events from `fromPosition` on, at most `limit`, and where the next page starts. */
  select(selection: LogSelection): LogPage {
    const from = Number(selection.fromPosition);
    const to = selection.toPosition === undefined ? Infinity : Number(selection.toPosition);
    const lists: Postings[] = [];
    for (const [codes, postings, key] of [
      [this.typeCodes, this.byType, selection.type],
      [this.companyCodes, this.byCompany, selection.companyId],
    ] as const) {
      if (key === undefined) continue;
      const code = codes.get(key);
      if (code === undefined) return { positions: [], next: null };
      lists.push(postings[code]);
    }
    // Walk the shortest list; check the others by membership (each is sorted: binary search).
    lists.sort((a, b) => a.size - b.size);
    const [walk, ...others] = lists;
    const positions = this.positions.array;
    const found: bigint[] = [];
    const size = walk ? walk.size : this.count;
    const eventOf = walk ? (k: number) => walk.events.array[k] : (k: number) => k;
    for (let k = this.firstAtOrAfter(walk, from); k < size; k++) {
      const event = eventOf(k);
      if (positions[event] > to) break;
      if (!others.every((list) => contains(list, event))) continue;
      if (found.length === selection.limit) return { positions: found, next: BigInt(positions[event]) };
      found.push(BigInt(positions[event]));
    }
    return { positions: found, next: null };
  }

  private postings(codes: Map<string, number>, lists: Postings[], key: string): Postings {
    let code = codes.get(key);
    if (code === undefined) {
      code = lists.length;
      codes.set(key, code);
      lists.push(new Postings());
    }
    return lists[code];
  }

  /** The first rank in the list (or in the log) whose position is at or after `from`. */
  private firstAtOrAfter(list: Postings | undefined, from: number): number {
    const positions = this.positions.array;
    let lo = 0;
    let hi = list ? list.size : this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (positions[list ? list.events.array[mid] : mid] < from) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private eventAt(position: number): number | undefined {
    const event = this.firstAtOrAfter(undefined, position);
    return event < this.count && this.positions.array[event] === position ? event : undefined;
  }
}

function contains(list: Postings, event: number): boolean {
  const events = list.events.array;
  let lo = 0;
  let hi = list.size;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (events[mid] < event) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.size && events[lo] === event;
}
