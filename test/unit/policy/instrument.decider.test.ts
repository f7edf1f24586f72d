import { instrumentDecider } from '../../../src/policy/domain/instrument.decider.js';
import type { InstrumentContent, InstrumentEvent } from '../../../src/policy/domain/policy.events.js';
import { Conflict, NotFound } from '../../../src/common/errors.js';
import { given } from '../../support/given.js';

const contract: InstrumentContent = {
  instrumentId: 'tesla-scc-2024',
  companyId: 'tesla-shanghai',
  kind: 'standard-contract',
  scope: { fields: ['icv'], destinations: ['US', 'DE'] },
  effectiveFrom: '2024-06-01',
  effectiveUntil: '2026-06-01',
};
const granted: InstrumentEvent = { type: 'InstrumentGranted', data: contract };
const revoke = (effectiveFrom: string) => ({ type: 'RevokeInstrument' as const, data: { instrumentId: contract.instrumentId, effectiveFrom } });

describe('instrument decider', () => {
  it('grants, repeats an identical grant, refuses other content under the same id', () => {
    given(instrumentDecider).when({ type: 'GrantInstrument', data: contract }).then(granted);
    given(instrumentDecider, [granted]).when({ type: 'GrantInstrument', data: contract }).thenRepeats(granted);
    given(instrumentDecider, [granted]).when({ type: 'GrantInstrument', data: { ...contract, kind: 'certification' } }).thenThrows(Conflict);
  });

  it('requires a bounded validity with effectiveFrom before effectiveUntil', () => {
    expect(given(instrumentDecider).when({ type: 'GrantInstrument', data: { ...contract, effectiveUntil: '2024-06-01' } }).thenInvalid()).toEqual([
      'effectiveUntil',
    ]);
    const open = { ...contract, effectiveUntil: undefined } as unknown as InstrumentContent;
    expect(given(instrumentDecider).when({ type: 'GrantInstrument', data: open }).thenInvalid()).toEqual(['effectiveUntil']);
  });

  it('amends a known instrument and answers 404 for an unknown one', () => {
    const widened = { ...contract, scope: {} };
    given(instrumentDecider, [granted])
      .when({ type: 'AmendInstrument', instrumentId: contract.instrumentId, data: widened })
      .then({ type: 'InstrumentAmended', data: widened });
    given(instrumentDecider).when({ type: 'AmendInstrument', instrumentId: contract.instrumentId, data: widened }).thenThrows(NotFound);
  });

  it('revokes once: the same date again is a repeat, another date a conflict, an unknown instrument 404', () => {
    const revoked: InstrumentEvent = { type: 'InstrumentRevoked', data: { instrumentId: contract.instrumentId, effectiveFrom: '2025-01-01' } };
    given(instrumentDecider, [granted]).when(revoke('2025-01-01')).then(revoked);
    given(instrumentDecider, [granted, revoked]).when(revoke('2025-01-01')).thenRepeats(revoked);
    given(instrumentDecider, [granted, revoked]).when(revoke('2025-02-01')).thenThrows(Conflict);
    given(instrumentDecider).when(revoke('2025-01-01')).thenThrows(NotFound);
  });

  it('refuses a revocation after the instrument has lapsed', () => {
    expect(given(instrumentDecider, [granted]).when(revoke('2026-06-01')).thenInvalid()).toEqual(['effectiveFrom']);
  });
});
