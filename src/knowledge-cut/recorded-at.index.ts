import { GrowableArray } from '../common/growable-array.js';
import type { ImageReader, ImageWriter } from '../common/snapshot-image.js';

/**
 * Position → recordedAt for every event of the log, answering `knownAt` (docs/design.md): the
 * position of the last event recorded at or before an instant. Commit order and the writers'
 * clocks may disagree slightly when several processes share a store, so the search runs on the
 * suffix minimum of recordedAt, which is ascending whatever the clocks did: the last index whose
 * suffix minimum is ≤ t is exactly the last event recorded at or before t.
 */
export class RecordedAtIndex {
  private size = 0;
  private readonly positions = new GrowableArray(Float64Array, 1024);
  private readonly suffixMin = new GrowableArray(Float64Array, 1024);

  /** Adds the next event (in log order). */
  add(position: bigint, recordedAt: Date): void {
    this.positions.reserve(this.size + 1);
    this.suffixMin.reserve(this.size + 1);
    const ms = recordedAt.getTime();
    const suffixMin = this.suffixMin.array;
    this.positions.array[this.size] = Number(position);
    suffixMin[this.size] = ms;
    // An earlier clock reading than its predecessors lowers their suffix minimum.
    for (let i = this.size - 1; i >= 0 && suffixMin[i] > ms; i--) suffixMin[i] = ms;
    this.size++;
  }

  /** The index as it is now (docs/design.md "Snapshots"); the suffix minimum is copied, since a late clock lowers it. */
  saveTo(image: ImageWriter): void {
    image.number(this.size);
    image.growable(this.positions, this.size, true);
    image.growable(this.suffixMin, this.size);
  }

  /** Fills a new instance from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    this.size = image.number();
    image.growable(this.positions);
    image.growable(this.suffixMin);
  }

  /** The position of the last event recorded at or before the instant (epoch ms); 0n when none. */
  positionAt(instantMs: number): bigint {
    return this.positionOfLast(this.countAtMost(this.suffixMin.array, instantMs));
  }

  /** The position of the last event at or before `position` (events are added in position order); 0n when none. */
  positionAtOrBefore(position: bigint): bigint {
    return this.positionOfLast(this.countAtMost(this.positions.array, Number(position)));
  }

  /** How many of the first `size` values, ascending, are at most `limit` (binary search). */
  private countAtMost(values: Float64Array, limit: number): number {
    let lo = 0;
    let hi = this.size;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (values[mid] <= limit) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private positionOfLast(count: number): bigint {
    return count === 0 ? 0n : BigInt(this.positions.array[count - 1]);
  }
}
