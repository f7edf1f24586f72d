import { GrowableArray } from '../../common/growable-array.js';

/**
 * Prefix sums of a list of value pairs (a Fenwick tree): the sum of the first `end` pairs, a
 * change of one pair's values, and a pair appended at the end, each in O(log n). Values are
 * integers kept in doubles; every node holds the sum of a run of the list, so all of it is exact
 * while the sum of the whole list is at most 2^53 − 1 (the caller checks {@link total}).
 */
export class PairPrefixSums {
  private size = 0;
  /** Node i (1-based) holds the sums of pairs (i − lowbit(i), i]. */
  private readonly first = new GrowableArray(Float64Array, 16);
  private readonly second = new GrowableArray(Float64Array, 16);
  private totalFirst = 0;
  private totalSecond = 0;

  get length(): number {
    return this.size;
  }

  /** The sums of every pair. */
  total(): readonly [number, number] {
    return [this.totalFirst, this.totalSecond];
  }

  /** Appends a pair at the end. */
  push(a: number, b: number): void {
    const i = ++this.size;
    this.first.reserve(i + 1);
    this.second.reserve(i + 1);
    // Node i covers (i − lowbit(i), i]: the pair itself and the nodes of the run just before it.
    let sumA = a;
    let sumB = b;
    const low = i & -i;
    for (let j = i - 1; j > i - low; j -= j & -j) {
      sumA += this.first.array[j];
      sumB += this.second.array[j];
    }
    this.first.array[i] = sumA;
    this.second.array[i] = sumB;
    this.totalFirst += a;
    this.totalSecond += b;
  }

  /** Adds (da, db) to the pair at `index` (0-based). */
  add(index: number, da: number, db: number): void {
    const first = this.first.array;
    const second = this.second.array;
    for (let i = index + 1; i <= this.size; i += i & -i) {
      first[i] += da;
      second[i] += db;
    }
    this.totalFirst += da;
    this.totalSecond += db;
  }

  /** The sums of the pairs [0, end). */
  prefix(end: number): [number, number] {
    const first = this.first.array;
    const second = this.second.array;
    let a = 0;
    let b = 0;
    for (let i = end; i > 0; i -= i & -i) {
      a += first[i];
      b += second[i];
    }
    return [a, b];
  }
}
