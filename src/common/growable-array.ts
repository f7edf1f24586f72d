/** The typed arrays the in-memory projections keep their columns in. */
export type TypedArray = Int32Array | Float64Array | Uint8Array;

/**
 * A typed array that grows by doubling, for columns that rows are appended (or, rarely, inserted)
 * into. `array` is the typed array itself, so hot paths index it directly; {@link reserve} may
 * replace it with a larger copy, so read `array` again after reserving rather than keeping it.
 */
export class GrowableArray<A extends TypedArray> {
  array: A;

  constructor(create: new (capacity: number) => A, capacity: number) {
    this.array = new create(capacity);
  }

  /** Room for `length` elements: when the array is shorter, a copy with its capacity doubled as often as needed. */
  reserve(length: number): void {
    const { array } = this;
    if (length <= array.length) return;
    let capacity = Math.max(array.length, 1);
    while (capacity < length) capacity *= 2;
    const next = new (array.constructor as new (capacity: number) => A)(capacity);
    next.set(array);
    this.array = next;
  }
}
