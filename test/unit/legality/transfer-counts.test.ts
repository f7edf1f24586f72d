import { epochDay, TransferCounts } from '../../../src/legality/domain/transfer-counts.js';
import { addDays, dayNumber } from '../../../src/common/time.js';

const counts = (personalInfoSubjects: number, sensitivePersonalInfoSubjects = 0) => ({ personalInfoSubjects, sensitivePersonalInfoSubjects });
const at = (date: string, time = '12:00:00', position = Infinity) => ({ date, occurredAtMs: Date.parse(`${date}T${time}+08:00`), position });

describe('TransferCounts', () => {
  it('sums the company’s transfers in the window that come before the key, known at the cut', () => {
    const c = new TransferCounts();
    c.record('a', 'acme', at('2024-01-01', '00:00:00', 1), counts(1));
    c.record('b', 'acme', at('2024-03-01', '12:00:00', 2), counts(10, 1));
    c.record('other', 'globex', at('2024-03-01', '12:00:00', 3), counts(1000));
    c.record('c', 'acme', at('2024-02-01', '12:00:00', 4), counts(100)); // back-filled between a and b
    c.record('d', 'acme', at('2023-12-31', '23:59:59', 5), counts(10_000));
    expect(c.cumulative('acme', '2024-01-01', at('2024-12-31'), 5)).toEqual(counts(111, 1));
    expect(c.cumulative('acme', '2023-01-01', at('2024-12-31'), 5)).toEqual(counts(10_111, 1));
    expect(c.cumulative('acme', '2024-01-01', at('2024-03-01', '12:00:00', 2), 5)).toEqual(counts(101)); // b itself excluded
    expect(c.cumulative('acme', '2024-01-01', at('2024-03-01', '12:00:00', Infinity), 5)).toEqual(counts(111, 1));
    expect(c.cumulative('acme', '2024-01-01', at('2024-12-31'), 3)).toEqual(counts(11, 1)); // c not known yet at 3
    expect(c.cumulative('nobody', '2024-01-01', at('2024-12-31'), 5)).toEqual(counts(0));
  });

  it('applies corrections recorded by the cut, the latest winning per metric', () => {
    const c = new TransferCounts();
    const ordinal = c.record('a', 'acme', at('2024-01-01', '12:00:00', 1), counts(50, 5));
    c.correct('a', 3, { personalInfoSubjects: 40 });
    c.correct('a', 7, { sensitivePersonalInfoSubjects: 0 });
    c.correct('a', 9, { personalInfoSubjects: 45 });
    c.correct('unknown', 10, { personalInfoSubjects: 1 });
    expect([2, 3, 7, 9].map((cut) => c.countsAsOf(ordinal, cut))).toEqual([counts(50, 5), counts(40, 5), counts(40, 0), counts(45, 0)]);
    expect(c.cumulative('acme', '2024-01-01', at('2024-12-31'), 8)).toEqual(counts(40, 0));
  });

  it('keeps the first recording of a repeated id, and its key', () => {
    const c = new TransferCounts();
    expect(c.record('a', 'acme', at('2024-01-01', '12:00:00', 1), counts(5))).toBe(0);
    expect(c.record('a', 'acme', at('2024-06-01', '12:00:00', 2), counts(7))).toBe(0);
    expect(c.size).toBe(1);
    expect(c.keyOf(0)).toEqual({ companyId: 'acme', ...at('2024-01-01', '12:00:00', 1) });
  });

  it('stays ordered through thousands of out-of-order insertions across growth', () => {
    const c = new TransferCounts();
    const days = Array.from({ length: 3000 }, (_, i) => (i * 7919) % 365); // every day of 2023, shuffled
    days.forEach((day, i) => {
      const date = new Date(Date.UTC(2023, 0, 1 + day)).toISOString().slice(0, 10);
      c.record(`t${i}`, 'acme', at(date, '12:00:00', i + 1), counts(1));
    });
    // Transfers dated before 2023-07-01 (day 181): 181 distinct days, each seen ⌊3000/365⌋ or one more times.
    const expected = days.filter((d) => d < 181).length;
    expect(c.cumulative('acme', '2023-01-01', at('2023-07-01', '00:00:00'), 3000)).toEqual(counts(expected));
  });
});

describe('epochDay', () => {
  it('agrees with the calendar on every day from 1899 to 2101 (leap years and centuries included)', () => {
    for (let date = '1899-12-25'; date < '2101-01-10'; date = addDays(date, 1)) {
      if (epochDay(date) !== dayNumber(date)) throw new Error(`epochDay(${date}) = ${epochDay(date)}, not ${dayNumber(date)}`);
    }
    expect(epochDay('1970-01-01')).toBe(0);
    expect(epochDay('2000-03-01')).toBe(11_017);
  });
});
