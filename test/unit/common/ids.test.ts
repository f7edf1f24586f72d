import { LEDGER_NAMESPACE, uuidv5, uuidv7 } from '../../../src/common/ids.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('ids', () => {
  it('uuidv7: version 7, RFC variant, the millisecond in the first 48 bits, ordered and distinct within a millisecond', () => {
    const ms = Date.UTC(2026, 11, 1, 12, 34, 56, 789);
    const ids = Array.from({ length: 1000 }, () => uuidv7(ms));
    for (const id of ids) {
      expect(id).toMatch(UUID);
      expect(id[14]).toBe('7');
    }
    expect(parseInt(ids[0].replace(/-/g, '').slice(0, 12), 16)).toBe(ms);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('uuidv7: the random bits differ between ids (pooled, never reused), across many refills of the pool', () => {
    const randomParts = Array.from({ length: 5000 }, (_, i) => uuidv7(1_700_000_000_000 + i).slice(19));
    expect(new Set(randomParts).size).toBe(randomParts.length);
  });

  it('uuidv5: the RFC 4122 example (www.example.com in the DNS namespace), and the ledger namespace by default', () => {
    expect(uuidv5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidv5('TransferRecorded:t-1')).toBe(uuidv5('TransferRecorded:t-1', LEDGER_NAMESPACE));
    expect(uuidv5('TransferRecorded:t-1')).toMatch(UUID);
  });
});
