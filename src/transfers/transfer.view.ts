import { positionToString, type RecordedEvent } from '../event-store/event-store.port.js';
import { recordedVerdictOf, type Verdict } from '../legality/domain/verdict.js';
import type { CalendarDate } from '../common/time.js';
import type { TransferChanges, TransferCorrected, TransferDeclaration } from './domain/transfer.events.js';
import type { LoadedTransfer } from './transfer.reader.js';

/** One correction as `GET /v1/transfers/{id}` shows it. */
export interface CorrectionView {
  readonly correctionId: string;
  readonly eventId: string;
  /** The `TransferCorrected` event's chain hash (hex). */
  readonly hash: string;
  /** Record time: from this ledger position on, the transfer counts with these values. */
  readonly position: string;
  readonly recordedAt: string;
  readonly changes: TransferChanges;
}

/** `GET /v1/transfers/{id}`: the transfer as now known (corrections applied) and how it was recorded. */
export interface TransferView extends TransferDeclaration {
  /** Valid time: the Shanghai date of `occurredAt`. */
  readonly date: CalendarDate;
  readonly eventId: string;
  /** The `TransferRecorded` event's chain hash (hex). */
  readonly hash: string;
  /** Record time: the ledger position of the `TransferRecorded` event. */
  readonly position: string;
  readonly recordedAt: string;
  /** The verdict given when it was recorded (never rewritten). */
  readonly recordedVerdict: Verdict;
  readonly corrections: readonly CorrectionView[];
}

const correctionView = (event: RecordedEvent): CorrectionView => {
  const { correctionId, changes } = event.data as unknown as TransferCorrected['data'];
  return { correctionId, eventId: event.id, hash: event.hash, position: positionToString(event.position), recordedAt: event.recordedAt.toISOString(), changes };
};

export function transferView({ state, events }: LoadedTransfer): TransferView {
  const [recording, ...corrections] = events;
  return {
    ...state.current,
    date: state.recorded.date,
    eventId: recording.id,
    hash: recording.hash,
    position: positionToString(recording.position),
    recordedAt: recording.recordedAt.toISOString(),
    recordedVerdict: recordedVerdictOf(state.recorded.verdict),
    corrections: corrections.map(correctionView),
  };
}
