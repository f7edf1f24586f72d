import { Conflict, NotFound, ValidationFailed } from '../../shared/errors.js';
import { instantToEpochMs } from '../../shared/time.js';
import type { TransferChanges, TransferCorrected, TransferDeclaration, TransferEvent, TransferRecorded } from './transfer.events.js';
import type { KnownTransfer, TransferState } from './transfer.state.js';

/** Record a transfer with the verdict the ledger gave at this moment (computed by the caller). */
export interface RecordTransfer {
  readonly type: 'RecordTransfer';
  readonly data: TransferRecorded['data'];
}

/** Correct a recorded transfer; `correctionId` is the caller's or the new event's id. */
export interface CorrectTransfer {
  readonly type: 'CorrectTransfer';
  readonly data: TransferCorrected['data'];
}

export type TransferCommand = RecordTransfer | CorrectTransfer;

/** The declaration fields, in the order a conflict message lists them. */
const DECLARATION_FIELDS: readonly (keyof TransferDeclaration)[] = [
  'companyId', 'field', 'category', 'destination', 'occurredAt',
  'personalInfoSubjects', 'sensitivePersonalInfoSubjects', 'importantData', 'purpose',
];

/** The fields a correction may change (CONTRACT.md: corrections). */
export const CORRECTABLE_FIELDS: readonly (keyof TransferChanges)[] = [
  'personalInfoSubjects', 'sensitivePersonalInfoSubjects', 'importantData', 'category', 'destination',
];

/** `occurredAt` is compared as an instant: `…T17:30:00Z` and `…T17:30:00.000Z` name the same moment. */
const sameValue = (key: keyof TransferDeclaration, a: unknown, b: unknown): boolean =>
  key === 'occurredAt' ? instantToEpochMs(a as string) === instantToEpochMs(b as string) : a === b;

/** The declaration fields on which two declarations of one transfer id differ. */
export function declarationDifferences(recorded: TransferDeclaration, repeated: TransferDeclaration): (keyof TransferDeclaration)[] {
  return DECLARATION_FIELDS.filter((key) => !sameValue(key, recorded[key], repeated[key]));
}

/**
 * Whether a declaration is new for this stream or a repeat of the recorded one. A repeat is
 * answered with the first answer; the same id with other content is a conflict (CONTRACT.md).
 * Handlers call it before evaluating, so a repeat costs no evaluation.
 */
export function classifyRecording(declaration: TransferDeclaration, state: TransferState): 'new' | 'repeat' {
  if (state.status === 'none') return 'new';
  const differing = declarationDifferences(state.declared, declaration);
  if (differing.length > 0) {
    throw new Conflict(`transfer ${declaration.transferId} is already recorded with other content (${differing.join(', ')} differ)`);
  }
  return 'repeat';
}

/** The fields whose given value differs from the transfer's current one. */
export function effectiveChanges(current: TransferDeclaration, changes: TransferChanges): (keyof TransferChanges)[] {
  return CORRECTABLE_FIELDS.filter((key) => changes[key] !== undefined && changes[key] !== current[key]);
}

const sameChanges = (a: TransferChanges, b: TransferChanges): boolean => CORRECTABLE_FIELDS.every((key) => a[key] === b[key]);

function decideCorrection(data: CorrectTransfer['data'], state: KnownTransfer): TransferEvent[] {
  const earlier = state.corrections.find((c) => c.correctionId === data.correctionId);
  if (earlier) {
    if (sameChanges(earlier.changes, data.changes)) return [];
    throw new Conflict(`correction ${data.correctionId} of transfer ${data.transferId} is already recorded with other changes`);
  }
  const given = CORRECTABLE_FIELDS.filter((key) => data.changes[key] !== undefined);
  if (given.length === 0) {
    throw ValidationFailed.of('correction', `must give at least one of ${CORRECTABLE_FIELDS.join(', ')}`);
  }
  if (effectiveChanges(state.current, data.changes).length === 0) {
    throw ValidationFailed.of('correction', `changes nothing: ${given.join(', ')} already ${given.length === 1 ? 'has' : 'have'} the given value`);
  }
  return [{ type: 'TransferCorrected', data }];
}

/**
 * decide(command, state) → the events to append. An empty list is an idempotent repeat: the
 * handler answers with what the state already holds. Rejections throw and append nothing.
 */
export function decideTransfer(command: TransferCommand, state: TransferState): TransferEvent[] {
  switch (command.type) {
    case 'RecordTransfer': {
      const { date: _date, verdict: _verdict, ...declaration } = command.data;
      return classifyRecording(declaration, state) === 'repeat' ? [] : [{ type: 'TransferRecorded', data: command.data }];
    }
    case 'CorrectTransfer':
      if (state.status === 'none') throw new NotFound('transfer', command.data.transferId);
      return decideCorrection(command.data, state);
  }
}
