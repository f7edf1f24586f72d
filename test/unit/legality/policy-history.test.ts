import { PolicyHistory } from '../../../src/legality/domain/policy-history.js';
import type { PolicyEvent } from '../../../src/policy/domain/policy.events.js';

const designation = (designationId: string, classification: 'core' | 'important', effectiveFrom = '2020-01-01'): PolicyEvent => ({
  type: 'DataDesignated',
  data: { designationId, field: 'health', classification, effectiveFrom },
});

describe('PolicyHistory', () => {
  it('answers every fact as its latest event at or before the cut gave it', () => {
    const history = new PolicyHistory();
    history.apply({ event: designation('d', 'important'), eventId: 'e1', position: 10n });
    history.apply({ event: { type: 'DesignationAmended', data: { designationId: 'd', field: 'health', classification: 'core', effectiveFrom: '2020-01-01' } }, eventId: 'e2', position: 20n });
    history.apply({ event: { type: 'DesignationLifted', data: { designationId: 'd', effectiveFrom: '2024-01-01' } }, eventId: 'e3', position: 30n });
    const at = (cut: bigint) => history.viewAt(cut).designationsOf('health');
    expect(at(9n)).toEqual([]);
    expect(at(10n)[0]).toMatchObject({ content: { classification: 'important' }, contentRef: { eventId: 'e1', position: 10n } });
    expect(at(29n)[0]).toMatchObject({ content: { classification: 'core' }, contentRef: { eventId: 'e2' } });
    expect(at(29n)[0].lift).toBeUndefined();
    expect(at(30n)[0]).toMatchObject({ content: { classification: 'core' }, lift: { from: '2024-01-01', ref: { eventId: 'e3' } } });
  });

  it('reuses a view until a policy event arrives that the cut includes', () => {
    const history = new PolicyHistory();
    history.apply({ event: designation('a', 'important'), eventId: 'e1', position: 5n });
    const head = history.viewAt(100n);
    expect(history.viewAt(7n)).toBe(head);
    history.apply({ event: designation('b', 'important'), eventId: 'e2', position: 8n });
    expect(history.viewAt(7n)).toBe(head);
    const after = history.viewAt(100n);
    expect(after).not.toBe(head);
    expect(after.designationsOf('health').map((d) => d.id)).toEqual(['a', 'b']);
  });

  it('refuses events out of log order', () => {
    const history = new PolicyHistory();
    history.apply({ event: designation('a', 'important'), eventId: 'e1', position: 5n });
    expect(() => history.apply({ event: designation('b', 'important'), eventId: 'e2', position: 5n })).toThrow(RangeError);
  });
});
