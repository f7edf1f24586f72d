import { describe, expect, it } from '@jest/globals';
import { uuidv5, uuidv7 } from '../../../src/common/ids.js';
import { EventIdIndex } from '../../../src/knowledge-cut/event-id.index.js';

/** Event id → leaf index, for inclusion proofs by event id (src/knowledge-cut/event-id.index.ts). */
describe('EventIdIndex', () => {
  it('finds the leaf of every id added, whatever their version, across table growth; unknown ids are undefined', () => {
    const index = new EventIdIndex();
    const ids = Array.from({ length: 20_000 }, (_, i) => (i % 3 === 0 ? uuidv5(`seal:${i}`) : uuidv7()));
    ids.forEach((id) => index.add(id));
    ids.forEach((id, leaf) => expect(index.find(id)).toBe(leaf));
    expect(index.find(uuidv7())).toBeUndefined();
    expect(index.find(uuidv5('never added'))).toBeUndefined();
  });

  it('compares ids case-insensitively, as event ids compare, and keeps ids that are not UUIDs too', () => {
    const index = new EventIdIndex();
    const id = uuidv7();
    index.add('not-a-uuid');
    index.add(id);
    expect(index.find(id.toUpperCase())).toBe(1);
    expect(index.find('NOT-A-UUID')).toBe(0);
    expect(index.find('other')).toBeUndefined();
  });

  it('takes an id for a UUID only when all of it is one: 36 characters, hex digits, dashes in their four places', () => {
    const index = new EventIdIndex();
    const id = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
    const near = ['0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5g', '0190a1b2-c3d4-7e5f-8a9b+0c1d2e3f4a5b', '0190a1b2c-3d4-7e5f-8a9b-0c1d2e3f4a5b', '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5', ':190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b'];
    near.forEach((other) => index.add(other));
    index.add(id);
    expect(near.map((other) => index.find(other))).toEqual([0, 1, 2, 3, 4]);
    expect(index.find(id)).toBe(5);
    expect(index.find(id.toUpperCase())).toBe(5);
    expect(index.find('0190A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5G')).toBe(0);
  });
});
