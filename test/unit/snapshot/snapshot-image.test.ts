import { describe, expect, it } from '@jest/globals';
import { ImageReader, ImageWriter, SnapshotImageError } from '../../../src/common/snapshot-image.js';
import { LegalityProjections } from '../../../src/legality/projections/legality.projections.js';
import { LedgerLog } from '../legality/ledger-log.js';

const bytesOf = (image: ImageWriter): Uint8Array => Buffer.concat(image.chunks);

const declared = (n: number, day: number) => ({
  transferId: `t${n}`,
  companyId: n % 2 === 0 ? 'c1' : 'c2',
  field: 'f1',
  category: 'a',
  destination: 'US',
  occurredAt: `2024-03-${String(day).padStart(2, '0')}T10:00:00+08:00`,
  personalInfoSubjects: n,
});

describe('the binary image of a projection (src/common/snapshot-image.ts)', () => {
  it('gives back strings of any characters, columns and JSON, in order, and refuses another layout', () => {
    const image = new ImageWriter();
    image.strings(['plain', '', 'Lingang 临港', 'a\u0000b']);
    image.column(Float64Array.of(1.5, -2, 3), 2);
    image.json({ position: 12n });
    const reader = new ImageReader(bytesOf(image));
    expect(reader.strings()).toEqual(['plain', '', 'Lingang 临港', 'a\u0000b']);
    expect([...reader.column(Float64Array)]).toEqual([1.5, -2]);
    expect(reader.json()).toEqual({ position: '12' });
    expect(reader.done).toBe(true);
    expect(() => new ImageReader(bytesOf(image)).number()).toThrow(SnapshotImageError);
    expect(() => new ImageReader(bytesOf(image).subarray(0, 20)).strings()).toThrow(SnapshotImageError);
  });

  it('is the read model at the moment of the capture, however it changes while the image is written out', () => {
    const log = new LedgerLog();
    // A regime with a threshold, so that every verdict sums its company's earlier transfers.
    log.policy({
      type: 'RegimeEnacted',
      data: {
        regimeId: 'r1',
        title: 'Provisions',
        effectiveFrom: '2024-01-01',
        countingWindow: 'calendar-year',
        thresholds: [{ metric: 'personalInfoSubjects', atLeast: 300, requirement: 'standard-contract' }],
        exemptPurposes: [],
      },
    });
    for (let n = 1; n <= 40; n++) log.record(declared(n, 1 + (n % 28)));
    log.correct('t3', { personalInfoSubjects: 99 });
    const image = new ImageWriter();
    log.projections.saveTo(image);
    const captured = log.events.length;
    const transfers = 40;
    // After the capture: back-filled transfers shift the companies' sorted columns in place (20
    // rows each, room for 32), corrections flag them, then the columns grow.
    for (let n = 41; n <= 50; n++) log.record(declared(n, 1));
    log.correct('t5', { personalInfoSubjects: 7, destination: 'DE' });
    for (let n = 51; n <= 3000; n++) log.record(declared(n, 1 + (n % 3)));

    const restored = new LegalityProjections();
    restored.restoreFrom(new ImageReader(bytesOf(image)));
    const replayed = new LegalityProjections();
    for (const event of log.events.slice(0, captured)) replayed.apply(event);
    const cut = BigInt(captured);
    for (let n = 1; n <= transfers; n++) expect(restored.evaluateRecorded(`t${n}`, cut)).toEqual(replayed.evaluateRecorded(`t${n}`, cut));
    expect(restored.reached).toBe(cut);
    expect(restored.transfers.size).toBe(transfers);
    // And the restored model goes on as the replayed one does.
    for (const event of log.events.slice(captured)) {
      restored.apply(event);
      replayed.apply(event);
    }
    for (const n of [1, 5, 41, 2999]) expect(restored.evaluateRecorded(`t${n}`, log.head)).toEqual(replayed.evaluateRecorded(`t${n}`, log.head));
  });
});
