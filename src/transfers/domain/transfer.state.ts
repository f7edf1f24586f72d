import type { CalendarDate } from '../../shared/time.js';
import type { Verdict } from '../../legality/domain/verdict.js';
import type { TransferChanges, TransferDeclaration, TransferEvent } from './transfer.events.js';

/**
 * A transfer event with the store's record-time facts about it. The domain cannot import the
 * event store (lint rule), so the application maps each recorded event to this envelope.
 */
export interface TransferEventEnvelope {
  readonly event: TransferEvent;
  readonly eventId: string;
  /** Record time: the event's global log position. */
  readonly position: bigint;
  /** Record time as an instant: the store's clock at commit. */
  readonly recordedAt: Date;
}

/** One correction as recorded (DOMAIN.md §3: transfers are "recorded, corrected"). */
export interface RecordedCorrection {
  readonly correctionId: string;
  readonly eventId: string;
  readonly position: bigint;
  readonly recordedAt: Date;
  readonly changes: TransferChanges;
}

/** A transfer that is in the log: what was declared, what it is now, and how it got there. */
export interface KnownTransfer {
  readonly status: 'recorded';
  /** The declaration as recorded, before any correction. */
  readonly declared: TransferDeclaration;
  /** Valid time: the Shanghai date of `occurredAt`, derived once at recording. */
  readonly date: CalendarDate;
  /** The verdict given when it was recorded; never rewritten. */
  readonly recordedVerdict: Verdict;
  readonly eventId: string;
  readonly position: bigint;
  readonly recordedAt: Date;
  /** The declaration with every correction applied in log order. */
  readonly current: TransferDeclaration;
  readonly corrections: readonly RecordedCorrection[];
}

/** The state of one transfer stream: nothing yet, or a recorded transfer. */
export type TransferState = { readonly status: 'none' } | KnownTransfer;

export const initialTransferState: TransferState = { status: 'none' };

/** Folds one event into the state. Events arrive in stream order, so a correction always follows the recording. */
export function evolveTransfer(state: TransferState, envelope: TransferEventEnvelope): TransferState {
  const { event } = envelope;
  switch (event.type) {
    case 'TransferRecorded': {
      const { date, verdict, ...declared } = event.data;
      return {
        status: 'recorded',
        declared,
        date,
        recordedVerdict: verdict,
        eventId: envelope.eventId,
        position: envelope.position,
        recordedAt: envelope.recordedAt,
        current: declared,
        corrections: [],
      };
    }
    case 'TransferCorrected': {
      if (state.status !== 'recorded') throw new Error(`TransferCorrected ${envelope.eventId} precedes its TransferRecorded`);
      const { correctionId, changes } = event.data;
      const correction = { correctionId, eventId: envelope.eventId, position: envelope.position, recordedAt: envelope.recordedAt, changes };
      return { ...state, current: applyChanges(state.current, changes), corrections: [...state.corrections, correction] };
    }
  }
}

/** The declaration with the given values replacing its own (absent values keep theirs). */
export function applyChanges(declaration: TransferDeclaration, changes: TransferChanges): TransferDeclaration {
  const defined = Object.entries(changes).filter(([, value]) => value !== undefined);
  return { ...declaration, ...Object.fromEntries(defined) };
}

/** Folds a whole stream. */
export const foldTransfer = (envelopes: readonly TransferEventEnvelope[]): TransferState =>
  envelopes.reduce(evolveTransfer, initialTransferState);
