import { GrowableArray } from '../../../src/common/growable-array.js';

describe('GrowableArray', () => {
  it('keeps the array while the length fits, and doubles it (keeping its contents) when it does not', () => {
    const column = new GrowableArray(Int32Array, 2);
    column.array.set([7, 8]);
    const first = column.array;
    column.reserve(2);
    expect(column.array).toBe(first);
    column.reserve(3);
    expect(column.array).toBeInstanceOf(Int32Array);
    expect([...column.array]).toEqual([7, 8, 0, 0]);
    column.reserve(9);
    expect(column.array.length).toBe(16);
    expect([...column.array.slice(0, 2)]).toEqual([7, 8]);
  });

  it('grows from an empty array', () => {
    const column = new GrowableArray(Float64Array, 0);
    column.reserve(1);
    expect(column.array).toBeInstanceOf(Float64Array);
    expect(column.array.length).toBe(1);
  });
});
