import { RecordedAtIndex } from '../../../src/knowledge-cut/recorded-at.index.js';

const at = (iso: string) => Date.parse(iso);

describe('RecordedAtIndex (knownAt → position)', () => {
  it('answers the last position recorded at or before the instant, 0 before the first', () => {
    const index = new RecordedAtIndex();
    index.add(3n, new Date('2026-01-01T00:00:00Z'));
    index.add(7n, new Date('2026-01-01T00:00:01Z'));
    index.add(8n, new Date('2026-01-01T00:00:01Z'));
    index.add(12n, new Date('2026-01-02T00:00:00Z'));
    expect(index.positionAt(at('2025-12-31T23:59:59.999Z'))).toBe(0n);
    expect(index.positionAt(at('2026-01-01T00:00:00Z'))).toBe(3n);
    expect(index.positionAt(at('2026-01-01T00:00:01Z'))).toBe(8n);
    expect(index.positionAt(at('2026-01-01T12:00:00Z'))).toBe(8n);
    expect(index.positionAt(at('2027-01-01T00:00:00Z'))).toBe(12n);
  });

  it('stays exact when a writer’s clock ran behind: the last event recorded at or before the instant', () => {
    const index = new RecordedAtIndex();
    index.add(1n, new Date('2026-01-01T00:00:10Z'));
    index.add(2n, new Date('2026-01-01T00:00:05Z')); // another process, clock 5 s behind
    index.add(3n, new Date('2026-01-01T00:00:20Z'));
    expect(index.positionAt(at('2026-01-01T00:00:06Z'))).toBe(2n);
    expect(index.positionAt(at('2026-01-01T00:00:04Z'))).toBe(0n);
    expect(index.positionAt(at('2026-01-01T00:00:15Z'))).toBe(2n);
  });

  it('grows past its initial capacity', () => {
    const index = new RecordedAtIndex();
    for (let i = 1; i <= 5000; i++) index.add(BigInt(i * 2), new Date(i * 1000));
    expect(index.positionAt(4321 * 1000 + 500)).toBe(8642n);
  });
});
