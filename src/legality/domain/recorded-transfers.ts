import { GrowableArray } from '../../common/growable-array.js';
import { PURPOSES, type Purpose } from '../../common/terms.js';
import { instantToEpochMs } from '../../common/time.js';
import type { CorrectedValues, RecordedTransferFacts, TransferCorrectionFacts } from './transfer-facts.js';
import { cutAsNumber, positionAsNumber, TransferCounts } from './transfer-counts.js';
import type { TransferUnderEvaluation } from './transfer-under-evaluation.js';

/** Interns the few distinct strings (fields, categories, countries) that a million transfers repeat. */
class StringTable {
  private readonly codes = new Map<string, number>();
  private readonly strings: string[] = [];
  code(text: string): number {
    let code = this.codes.get(text);
    if (code === undefined) {
      code = this.strings.length;
      this.codes.set(text, code);
      this.strings.push(text);
    }
    return code;
  }
  text(code: number): string {
    return this.strings[code];
  }
}

/** Corrections of what a transfer is (not its counts, which TransferCounts keeps). */
interface DescriptionCorrection {
  readonly position: number;
  readonly changes: Pick<CorrectedValues, 'category' | 'destination' | 'importantData'>;
}

const IMPORTANT_BIT = 1;

/** A recorded transfer as known at a cut. */
export interface KnownTransfer {
  readonly transfer: TransferUnderEvaluation;
  /** Its ordinal in {@link TransferCounts}. */
  readonly ordinal: number;
  /** The ledger position of its TransferRecorded event. */
  readonly position: number;
}

/**
 * Every recorded transfer (pure), compactly: the order keys and counts live in
 * {@link TransferCounts}; this adds what the evaluator needs besides, as interned codes in typed
 * arrays (field, category, destination, important flag, purpose), and corrections of those.
 */
export class RecordedTransfers {
  readonly counts = new TransferCounts();
  private readonly strings = new StringTable();
  private readonly field = new GrowableArray(Int32Array, 1024);
  private readonly category = new GrowableArray(Int32Array, 1024);
  private readonly destination = new GrowableArray(Int32Array, 1024);
  /** Bit 0: importantData; bits 1–2: index in PURPOSES. */
  private readonly flags = new GrowableArray(Uint8Array, 1024);
  private readonly columns = [this.field, this.category, this.destination, this.flags];
  private readonly corrections = new Map<number, DescriptionCorrection[]>();

  /** Applies a TransferRecorded event (in log order). */
  record(data: RecordedTransferFacts, position: bigint): void {
    const at = positionAsNumber(position);
    const before = this.counts.size;
    const ordinal = this.counts.record(data.transferId, data.companyId, { date: data.date, occurredAtMs: instantToEpochMs(data.occurredAt), position: at }, data);
    if (ordinal < before) return; // a repeated id: the first recording stands
    for (const column of this.columns) column.reserve(ordinal + 1);
    this.field.array[ordinal] = this.strings.code(data.field);
    this.category.array[ordinal] = this.strings.code(data.category);
    this.destination.array[ordinal] = this.strings.code(data.destination);
    this.flags.array[ordinal] = (data.importantData ? IMPORTANT_BIT : 0) | (Math.max(0, PURPOSES.indexOf(data.purpose)) << 1);
  }

  /** Applies a TransferCorrected event (in log order). */
  correct(data: TransferCorrectionFacts, position: bigint): void {
    const at = positionAsNumber(position);
    const ordinal = this.counts.ordinalOf(data.transferId);
    if (ordinal === undefined) return;
    this.counts.correct(data.transferId, at, data.changes);
    const { category, destination, importantData } = data.changes;
    if (category === undefined && destination === undefined && importantData === undefined) return;
    const list = this.corrections.get(ordinal) ?? [];
    list.push({ position: at, changes: { category, destination, importantData } });
    this.corrections.set(ordinal, list);
  }

  /**
   * The transfer with the values known at `cut`: as recorded, with the corrections recorded at or
   * before `cut`. (A transfer recorded after `cut` has no correction before it: it comes as recorded.)
   */
  asKnownAt(transferId: string, cut: bigint): KnownTransfer | undefined {
    const ordinal = this.counts.ordinalOf(transferId);
    if (ordinal === undefined) return undefined;
    const at = cutAsNumber(cut);
    const key = this.counts.keyOf(ordinal);
    let category = this.strings.text(this.category.array[ordinal]);
    let destination = this.strings.text(this.destination.array[ordinal]);
    let importantData = (this.flags.array[ordinal] & IMPORTANT_BIT) !== 0;
    for (const { position, changes } of this.corrections.get(ordinal) ?? []) {
      if (position > at) break; // kept in log order
      category = changes.category ?? category;
      destination = changes.destination ?? destination;
      importantData = changes.importantData ?? importantData;
    }
    const transfer: TransferUnderEvaluation = {
      transferId,
      companyId: key.companyId,
      field: this.strings.text(this.field.array[ordinal]),
      category,
      destination,
      occurredAt: new Date(key.occurredAtMs).toISOString(),
      date: key.date,
      ...this.counts.countsAsOf(ordinal, at),
      importantData,
      purpose: PURPOSES[this.flags.array[ordinal] >> 1] as Purpose,
    };
    return { transfer, ordinal, position: key.position };
  }
}
