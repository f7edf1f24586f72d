import { describe, expect, it } from '@jest/globals';
import { Conflict, NotFound, ValidationFailed } from '../../../src/common/errors.js';
import type { Verdict } from '../../../src/legality/domain/verdict.js';
import type { TransferChanges, TransferDeclaration, TransferEvent } from '../../../src/transfers/domain/transfer.events.js';
import { transferDecider, type RecordTransfer, type TransferCommand } from '../../../src/transfers/domain/transfer.decider.js';
import { given } from '../../support/given.js';

const declaration: TransferDeclaration = {
  transferId: 't-1',
  companyId: 'tesla-shanghai',
  field: 'icv',
  category: 'after-sales/service-records',
  destination: 'US',
  occurredAt: '2024-06-01T02:00:00Z',
  personalInfoSubjects: 0,
  sensitivePersonalInfoSubjects: 0,
  importantData: false,
  purpose: 'ordinary',
};

const verdict: Verdict = {
  legal: true,
  requirement: 'none',
  classification: 'general',
  date: '2024-06-01',
  position: '12',
  satisfiedBy: [],
  cumulative: { personalInfoSubjects: 0, sensitivePersonalInfoSubjects: 0 },
  basis: [],
  notes: [],
  explanation: 'general data needs nothing',
};

const recorded: TransferEvent = { type: 'TransferRecorded', data: { ...declaration, date: '2024-06-01', verdict } };
const record = (changes: Partial<TransferDeclaration> = {}): RecordTransfer => ({
  type: 'RecordTransfer',
  data: { ...declaration, ...changes, date: '2024-06-01', verdict: { ...verdict, position: '40' } },
});
const correct = (correctionId: string, changes: TransferChanges): TransferCommand => ({
  type: 'CorrectTransfer',
  data: { transferId: 't-1', correctionId, changes },
});
const corrected = (correctionId: string, changes: TransferChanges): TransferEvent => ({
  type: 'TransferCorrected',
  data: { transferId: 't-1', correctionId, changes },
});

describe('transfer decider: record', () => {
  it('records a new transfer with the verdict it was given', () => {
    given(transferDecider).when(record()).then({ type: 'TransferRecorded', data: record().data });
  });

  it('answers an identical declaration as a repeat of the recording, whatever verdict the repeat computed', () => {
    given(transferDecider, [recorded]).when(record()).thenRepeats(recorded);
  });

  it('treats the same instant written with a fraction as the same declaration', () => {
    given(transferDecider, [recorded]).when(record({ occurredAt: '2024-06-01T10:00:00.000+08:00' })).thenRepeats(recorded);
  });

  it('rejects the same id with other content as a conflict naming what differs', () => {
    given(transferDecider, [recorded])
      .when(record({ destination: 'DE', personalInfoSubjects: 3 }))
      .thenThrows(Conflict, 'destination, personalInfoSubjects differ');
  });

  it('compares with the declaration as first recorded, not as corrected', () => {
    const history = [recorded, corrected('c-1', { destination: 'DE' })];
    given(transferDecider, history).when(record()).thenRepeats(recorded);
    given(transferDecider, history).when(record({ destination: 'DE' })).thenThrows(Conflict);
  });
});

describe('transfer decider: correct', () => {
  it('records a correction that changes a value', () => {
    given(transferDecider, [recorded]).when(correct('c-1', { personalInfoSubjects: 150_000 })).then(corrected('c-1', { personalInfoSubjects: 150_000 }));
  });

  it('rejects a correction of an unknown transfer as not found', () => {
    given(transferDecider).when(correct('c-1', { importantData: true })).thenThrows(NotFound);
  });

  it('rejects a correction that gives no value, naming the fields it may give', () => {
    given(transferDecider, [recorded]).when(correct('c-1', {})).thenThrows(ValidationFailed, 'must give at least one of personalInfoSubjects');
  });

  it('rejects a correction whose values are already the current ones', () => {
    const history = [recorded, corrected('c-1', { category: 'after-sales/fault-analysis' })];
    given(transferDecider, history)
      .when(correct('c-2', { category: 'after-sales/fault-analysis', importantData: false }))
      .thenThrows(ValidationFailed, 'changes nothing');
  });

  it('accepts a correction back to the declared value after an earlier correction', () => {
    const history = [recorded, corrected('c-1', { destination: 'DE' })];
    given(transferDecider, history).when(correct('c-2', { destination: 'US' })).then(corrected('c-2', { destination: 'US' }));
  });

  it('answers a repeated correction id with the same changes as a repeat of that correction', () => {
    const history = [recorded, corrected('c-1', { importantData: true }), corrected('c-2', { destination: 'JP' })];
    given(transferDecider, history).when(correct('c-1', { importantData: true })).thenRepeats(history[1]);
  });

  it('rejects a repeated correction id with other changes as a conflict', () => {
    const history = [recorded, corrected('c-1', { importantData: true })];
    given(transferDecider, history).when(correct('c-1', { destination: 'JP' })).thenThrows(Conflict);
  });
});

describe('transfer state', () => {
  it('applies corrections in order over the declaration and keeps the recording as it was', () => {
    const { state } = given(transferDecider, [recorded, corrected('c-1', { personalInfoSubjects: 5, destination: 'DE' }), corrected('c-2', { destination: 'JP' })]);
    expect(state.status).toBe('recorded');
    if (state.status !== 'recorded') return;
    expect(state.current).toEqual({ ...declaration, personalInfoSubjects: 5, destination: 'JP' });
    expect(state.recorded).toEqual(recorded.data);
    expect(state.corrections.map((c) => c.correctionId)).toEqual(['c-1', 'c-2']);
  });
});
