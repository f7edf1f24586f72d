import { append, repeat, type Decider, type Decision } from '../../common/decider.js';
import { isCount } from '../../common/counts.js';
import { Conflict, NotFound, ValidationFailed, type Problem } from '../../common/errors.js';
import { ID_RULE, isId } from '../../common/ids.js';
import { labelProblem } from '../../common/labels.js';
import { PURPOSES } from '../../common/terms.js';
import { INSTANT_RULE, instantToEpochMs, isInstant } from '../../common/time.js';
import type { TransferChanges, TransferCorrected, TransferDeclaration, TransferEvent, TransferRecorded } from './transfer.events.js';
import { declarationOf, evolveTransfer, initialTransferState, type KnownTransfer, type TransferState } from './transfer.state.js';

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

/** The fields a correction may change (docs/api.md: corrections). */
export const CORRECTABLE_FIELDS: readonly (keyof TransferChanges)[] = [
  'personalInfoSubjects', 'sensitivePersonalInfoSubjects', 'importantData', 'category', 'destination',
];

/** `occurredAt` is compared as an instant: `…T02:00:00Z` and `…T10:00:00.000+08:00` name the same moment. */
const sameValue = (key: keyof TransferDeclaration, a: unknown, b: unknown): boolean =>
  key === 'occurredAt' ? instantToEpochMs(a as string) === instantToEpochMs(b as string) : a === b;

/** The declaration fields on which two declarations of one transfer id differ. */
export function declarationDifferences(recorded: TransferDeclaration, repeated: TransferDeclaration): (keyof TransferDeclaration)[] {
  return DECLARATION_FIELDS.filter((key) => !sameValue(key, recorded[key], repeated[key]));
}

/**
 * Whether a declaration is new for this stream or repeats the recorded one. A repeat is answered
 * with the first answer; the same id with other content is a conflict (docs/api.md), naming the
 * fields that differ only to the company that recorded it. The record
 * handler asks this before evaluating, so a repeat costs no evaluation.
 */
export function classifyRecording(declaration: TransferDeclaration, state: TransferState): 'new' | 'repeat' {
  if (state.status === 'none') return 'new';
  // Another company's transfer: say that the id is taken, never what it holds (docs/api.md §6),
  // or its content could be guessed field by field.
  if (state.recorded.companyId !== declaration.companyId) throw new Conflict(`transfer ${declaration.transferId} is already recorded with other content`);
  const differing = declarationDifferences(declarationOf(state.recorded), declaration);
  if (differing.length > 0) {
    throw new Conflict(`transfer ${declaration.transferId} is already recorded with other content (${differing.join(', ')} differ)`);
  }
  return 'repeat';
}

/** The fields whose given value differs from the transfer's current one. */
export const effectiveChanges = (current: TransferDeclaration, changes: TransferChanges): (keyof TransferChanges)[] =>
  CORRECTABLE_FIELDS.filter((key) => changes[key] !== undefined && changes[key] !== current[key]);

const sameChanges = (a: TransferChanges, b: TransferChanges): boolean => CORRECTABLE_FIELDS.every((key) => a[key] === b[key]);

function decideCorrection(data: CorrectTransfer['data'], state: KnownTransfer): Decision<TransferEvent> {
  const earlier = state.corrections.find((c) => c.correctionId === data.correctionId);
  if (earlier) {
    // A retried correction (same caller-given id): answer the first answer, or refuse other content.
    if (sameChanges(earlier.changes, data.changes)) return repeat({ type: 'TransferCorrected', data: { transferId: data.transferId, ...earlier } });
    throw new Conflict(`correction ${data.correctionId} of transfer ${data.transferId} is already recorded with other changes`);
  }
  const given = CORRECTABLE_FIELDS.filter((key) => data.changes[key] !== undefined);
  if (given.length === 0) {
    throw ValidationFailed.of('correction', `must give at least one of ${CORRECTABLE_FIELDS.join(', ')}`);
  }
  if (effectiveChanges(state.current, data.changes).length === 0) {
    throw ValidationFailed.of('correction', `changes nothing: ${given.join(', ')} already ${given.length === 1 ? 'has' : 'have'} the given value`);
  }
  return append({ type: 'TransferCorrected', data });
}

const problemOf = (field: string, ok: boolean, reason: string): Problem[] => (ok ? [] : [{ field, reason }]);
const labelOk = (value: unknown, max: number): boolean => typeof value === 'string' && value.length >= 1 && value.length <= max && labelProblem(value) === undefined;
const COUNT_RULE = 'must be a count (an integer from 0 to 10^10)';

/**
 * What evaluation depends on, checked again below the edge (the exact cumulative sums of
 * legality need counts of at most 10^10; dates need instants in range): every problem, named.
 */
function declarationProblems(d: TransferDeclaration): Problem[] {
  return [
    ...problemOf('transferId', isId(d.transferId), `must be ${ID_RULE}`),
    ...problemOf('companyId', isId(d.companyId), `must be ${ID_RULE}`),
    ...problemOf('field', labelOk(d.field, 128), 'must be a label of 1–128 characters'),
    ...problemOf('category', labelOk(d.category, 256), 'must be a label of 1–256 characters'),
    ...problemOf('destination', typeof d.destination === 'string' && /^[A-Z]{2}$/.test(d.destination), 'must be an ISO 3166-1 alpha-2 country code'),
    ...problemOf('occurredAt', isInstant(d.occurredAt), INSTANT_RULE),
    ...problemOf('personalInfoSubjects', isCount(d.personalInfoSubjects), COUNT_RULE),
    ...problemOf('sensitivePersonalInfoSubjects', isCount(d.sensitivePersonalInfoSubjects), COUNT_RULE),
    ...problemOf('importantData', typeof d.importantData === 'boolean', 'must be true or false'),
    ...problemOf('purpose', PURPOSES.includes(d.purpose), `must be one of ${PURPOSES.join(', ')}`),
  ];
}

function changesProblems(changes: TransferChanges): Problem[] {
  const given = (key: keyof TransferChanges): boolean => changes[key] !== undefined;
  return [
    ...problemOf('personalInfoSubjects', !given('personalInfoSubjects') || isCount(changes.personalInfoSubjects), COUNT_RULE),
    ...problemOf('sensitivePersonalInfoSubjects', !given('sensitivePersonalInfoSubjects') || isCount(changes.sensitivePersonalInfoSubjects), COUNT_RULE),
    ...problemOf('importantData', !given('importantData') || typeof changes.importantData === 'boolean', 'must be true or false'),
    ...problemOf('category', !given('category') || labelOk(changes.category, 256), 'must be a label of 1–256 characters'),
    ...problemOf('destination', !given('destination') || (typeof changes.destination === 'string' && /^[A-Z]{2}$/.test(changes.destination)), 'must be an ISO 3166-1 alpha-2 country code'),
  ];
}

const refuseAny = (problems: readonly Problem[]): void => {
  if (problems.length > 0) throw new ValidationFailed(problems);
};

/** Refuses a declaration evaluation could not read (ValidationFailed naming every problem): before anything is evaluated or appended. */
export const checkDeclaration = (declaration: TransferDeclaration): void => refuseAny(declarationProblems(declaration));

/**
 * decide(command, state) → append these events, or repeat (an idempotent no-op answered with the
 * original event). Rejections throw and append nothing.
 */
export function decideTransfer(command: TransferCommand, state: TransferState): Decision<TransferEvent> {
  switch (command.type) {
    case 'RecordTransfer':
      refuseAny(declarationProblems(declarationOf(command.data)));
      if (classifyRecording(declarationOf(command.data), state) === 'new') return append({ type: 'TransferRecorded', data: command.data });
      // classifyRecording answered 'repeat', so the stream holds this transfer's recording.
      return repeat({ type: 'TransferRecorded', data: (state as KnownTransfer).recorded });
    case 'CorrectTransfer':
      if (state.status === 'none') throw new NotFound('transfer', command.data.transferId);
      refuseAny(changesProblems(command.data.changes));
      return decideCorrection(command.data, state);
  }
}

/** The transfer decider for the shared read → decide → append runner (src/application). */
export const transferDecider: Decider<TransferCommand, TransferEvent, TransferState> = {
  initialState: initialTransferState,
  decide: decideTransfer,
  evolve: evolveTransfer,
};
