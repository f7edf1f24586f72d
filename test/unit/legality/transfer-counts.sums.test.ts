import fc from 'fast-check';
import { ImageReader, ImageWriter } from '../../../src/common/snapshot-image.js';
import { PairPrefixSums } from '../../../src/legality/domain/pair-prefix-sums.js';
import { TransferCounts, type MetricCounts, type OrderKey } from '../../../src/legality/domain/transfer-counts.js';

interface Recorded {
  readonly id: string;
  readonly companyId: string;
  readonly key: OrderKey;
  readonly counts: MetricCounts;
  readonly corrections: { readonly position: number; readonly changes: Partial<MetricCounts> }[];
}

/** The order of docs/domain.md §4 step 4: date, then instant, then position. */
const before = (a: OrderKey, b: OrderKey): boolean =>
  a.date !== b.date ? a.date < b.date : a.occurredAtMs !== b.occurredAtMs ? a.occurredAtMs < b.occurredAtMs : a.position < b.position;

/** The definition, one transfer at a time: known at the cut, dated from `fromDate`, before the key, counts as corrected by the cut. */
function simpleCumulative(log: readonly Recorded[], companyId: string, fromDate: string, key: OrderKey, cut: number): MetricCounts {
  let personal = 0;
  let sensitive = 0;
  for (const transfer of log) {
    if (transfer.companyId !== companyId || transfer.key.position > cut || transfer.key.date < fromDate || !before(transfer.key, key)) continue;
    let { personalInfoSubjects, sensitivePersonalInfoSubjects } = transfer.counts;
    for (const { position, changes } of transfer.corrections) {
      if (position > cut) break;
      personalInfoSubjects = changes.personalInfoSubjects ?? personalInfoSubjects;
      sensitivePersonalInfoSubjects = changes.sensitivePersonalInfoSubjects ?? sensitivePersonalInfoSubjects;
    }
    personal += personalInfoSubjects;
    sensitive += sensitivePersonalInfoSubjects;
  }
  return { personalInfoSubjects: personal, sensitivePersonalInfoSubjects: sensitive };
}

const DATES = ['2024-01-01', '2024-02-10', '2024-03-01', '2024-03-02', '2024-06-30'];
const dateOf = (n: number) => DATES[n % DATES.length];
const instantOf = (date: string, hour: number) => Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00+08:00`);

type Step =
  | { kind: 'record'; company: number; date: number; hour: number; personal: number; sensitive: number }
  | { kind: 'correct'; pick: number; personal?: number; sensitive?: number }
  | { kind: 'query'; company: number; from: number; date: number; hour: number; cutBack: number };

const count = fc.integer({ min: 0, max: 10_000_000_000 });
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('record' as const), company: fc.integer({ min: 0, max: 2 }), date: fc.nat(), hour: fc.integer({ min: 0, max: 23 }), personal: count, sensitive: count }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), pick: fc.nat(), personal: fc.option(count, { nil: undefined }), sensitive: fc.option(count, { nil: undefined }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('query' as const), company: fc.integer({ min: 0, max: 2 }), from: fc.nat(), date: fc.nat(), hour: fc.integer({ min: 0, max: 23 }), cutBack: fc.integer({ min: 0, max: 6 }) }) },
);

describe('TransferCounts.cumulative: prefix sums at a cut that knows everything, one by one otherwise', () => {
  it('equals the definition after any mix of in-order and back-filled recordings and corrections, at any cut', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 30, maxLength: 150 }), (steps) => {
        const counts = new TransferCounts();
        const log: Recorded[] = [];
        const queries: { companyId: string; from: string; key: OrderKey; cut: number }[] = [];
        let position = 0;
        for (const s of steps) {
          if (s.kind === 'record') {
            const date = dateOf(s.date);
            const transfer: Recorded = { id: `t${++position}`, companyId: `c${s.company}`, key: { date, occurredAtMs: instantOf(date, s.hour), position }, counts: { personalInfoSubjects: s.personal, sensitivePersonalInfoSubjects: s.sensitive }, corrections: [] };
            log.push(transfer);
            counts.record(transfer.id, transfer.companyId, transfer.key, transfer.counts);
          } else if (s.kind === 'correct' && log.length > 0) {
            const transfer = log[s.pick % log.length];
            const changes = { ...(s.personal !== undefined ? { personalInfoSubjects: s.personal } : {}), ...(s.sensitive !== undefined ? { sensitivePersonalInfoSubjects: s.sensitive } : {}) };
            if (Object.keys(changes).length === 0) continue;
            transfer.corrections.push({ position: ++position, changes });
            counts.correct(transfer.id, position, changes);
          } else if (s.kind === 'query') {
            const date = dateOf(s.date);
            const key: OrderKey = { date, occurredAtMs: instantOf(date, s.hour), position: Infinity };
            const cut = Math.max(0, position - s.cutBack); // cutBack 0: the cut knows everything (the recording's case)
            const from = dateOf(s.from);
            expect(counts.cumulative(`c${s.company}`, from, key, cut)).toEqual(simpleCumulative(log, `c${s.company}`, from, key, cut));
            queries.push({ companyId: `c${s.company}`, from, key, cut });
          }
        }
        // The same answers from counts restored from a snapshot image (the sums are built again there).
        const image = new ImageWriter();
        counts.saveTo(image);
        const restored = new TransferCounts();
        restored.restoreFrom(new ImageReader(Buffer.concat(image.chunks)), log.map((transfer) => transfer.id));
        for (const { companyId, from, key, cut } of queries) {
          expect(restored.cumulative(companyId, from, key, cut)).toEqual(simpleCumulative(log, companyId, from, key, cut));
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('PairPrefixSums', () => {
  it('gives the sums of every prefix after pushes and changes, as adding one by one does', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(1000), fc.nat(1000)), { maxLength: 80 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: -50, max: 50 })), { maxLength: 20 }), (pushed, changes) => {
        const sums = new PairPrefixSums();
        const values = pushed.map(([a, b]) => [a, b]);
        for (const [a, b] of pushed) sums.push(a, b);
        for (const [pick, delta] of values.length > 0 ? changes : []) {
          const at = pick % values.length;
          values[at][0] += delta;
          values[at][1] -= delta;
          sums.add(at, delta, -delta);
        }
        for (let end = 0; end <= values.length; end++) {
          const expected = values.slice(0, end).reduce(([a, b], [x, y]) => [a + x, b + y], [0, 0]);
          expect(sums.prefix(end)).toEqual(expected);
        }
        expect(sums.total()).toEqual(sums.prefix(values.length));
      }),
    );
  });
});
