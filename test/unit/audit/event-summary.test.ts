import { describe, expect, it } from '@jest/globals';
import { summarizeData } from '../../../src/audit/timeline/event-summary.js';

describe('the timeline summary of an event’s data', () => {
  it('keeps scalars, counts lists, flattens one level of nesting to dotted keys and sizes deeper objects', () => {
    const data = {
      transferId: 't-1',
      personalInfoSubjects: 0,
      importantData: false,
      category: null,
      zones: ['z1'],
      entries: [],
      verdict: { legal: true, requirement: 'none', basis: [{ factId: 'x' }, { factId: 'y' }], cumulative: { personalInfoSubjects: 1, sensitivePersonalInfoSubjects: 0 } },
    };
    expect(summarizeData(data)).toEqual({
      transferId: 't-1',
      personalInfoSubjects: 0,
      importantData: false,
      category: null,
      zones: '1 item',
      entries: '0 items',
      'verdict.legal': true,
      'verdict.requirement': 'none',
      'verdict.basis': '2 items',
      'verdict.cumulative': '{2 fields}',
    });
  });

  it('cuts long text to 120 characters, marking the cut, and leaves text of that length alone', () => {
    expect(summarizeData({ a: 'y'.repeat(121), b: 'z'.repeat(120) })).toEqual({ a: `${'y'.repeat(119)}…`, b: 'z'.repeat(120) });
  });
});
