import type { TransferChanges, TransferDeclaration, TransferEvent, TransferRecorded } from './transfer.events.js';

/** A correction as its event states it (docs/domain.md §3: transfers are "recorded, corrected"). */
export interface CorrectionState {
  readonly correctionId: string;
  readonly changes: TransferChanges;
}

/** A transfer that is in the log: what was recorded, what it is now, and the corrections in between. */
export interface KnownTransfer {
  readonly status: 'recorded';
  /** The `TransferRecorded` data as stored: the declaration before any correction, its date and the verdict given then. */
  readonly recorded: TransferRecorded['data'];
  /** The declaration with every correction applied in stream order. */
  readonly current: TransferDeclaration;
  readonly corrections: readonly CorrectionState[];
}

/** The state of one transfer stream: nothing yet, or a recorded transfer. */
export type TransferState = { readonly status: 'none' } | KnownTransfer;

export const initialTransferState: TransferState = { status: 'none' };

/** The declaration part of a recording (without its date and verdict). */
export function declarationOf(recorded: TransferRecorded['data']): TransferDeclaration {
  const { date: _date, verdict: _verdict, ...declaration } = recorded;
  return declaration;
}

/** The declaration with the given values replacing its own (absent values keep theirs). */
export function applyChanges(declaration: TransferDeclaration, changes: TransferChanges): TransferDeclaration {
  const defined = Object.entries(changes).filter(([, value]) => value !== undefined);
  return { ...declaration, ...Object.fromEntries(defined) };
}

/** Folds one event into the state. Events arrive in stream order, so a correction always follows the recording. */
export function evolveTransfer(state: TransferState, event: TransferEvent): TransferState {
  switch (event.type) {
    case 'TransferRecorded':
      return { status: 'recorded', recorded: event.data, current: declarationOf(event.data), corrections: [] };
    case 'TransferCorrected': {
      if (state.status !== 'recorded') throw new Error(`transfer ${event.data.transferId}: a correction precedes its recording`);
      const { correctionId, changes } = event.data;
      return { ...state, current: applyChanges(state.current, changes), corrections: [...state.corrections, { correctionId, changes }] };
    }
  }
}
