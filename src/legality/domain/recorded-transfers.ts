import { GrowableArray } from '../../common/growable-array.js';
import type { ImageReader, ImageWriter } from '../../common/snapshot-image.js';
import { PURPOSES, REQUIREMENTS, type Purpose } from '../../common/terms.js';
import { instantToEpochMs } from '../../common/time.js';
import type { CorrectedValues, RecordedOutcome, RecordedTransferFacts, TransferCorrectionFacts } from './transfer-facts.js';
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
  /** Every string, by code. */
  all(): readonly string[] {
    return this.strings;
  }
  /** Interns the strings in order, so that each gets its code back. */
  restore(strings: readonly string[]): void {
    for (const text of strings) this.code(text);
  }
}

/** Corrections of what a transfer is (not its counts, which TransferCounts keeps). */
interface DescriptionCorrection {
  readonly position: number;
  readonly changes: Pick<CorrectedValues, 'category' | 'destination' | 'importantData'>;
}

const IMPORTANT_BIT = 1;

/** The recorded outcome in one byte: bit 7 set when recorded, bit 0 legal, bits 1–2 the requirement, bits 3–4 the classification. */
const RECORDED_BIT = 0x80;
const CLASSIFICATIONS: readonly RecordedOutcome['classification'][] = ['general', 'important', 'core'];
/** satisfiedBy as one interned text: the ids sorted (compared as a set), joined by a character ids never hold. */
const SATISFIED_SEPARATOR = '\u0000';
const satisfiedKey = (ids: readonly string[]): string => [...ids].sort().join(SATISFIED_SEPARATOR);

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
  private readonly outcome = new GrowableArray(Uint8Array, 1024);
  private readonly satisfied = new GrowableArray(Int32Array, 1024);
  private readonly columns = [this.field, this.category, this.destination, this.flags, this.outcome, this.satisfied];
  private readonly corrections = new Map<number, DescriptionCorrection[]>();
  /** Ordinal → transfer id (the ids are held by TransferCounts' map already: this adds a reference each). */
  private ids: string[] = [];

  /** Number of transfers recorded. */
  get size(): number {
    return this.counts.size;
  }

  /** The id of the transfer with this ordinal (its rank in recording order). */
  idOf(ordinal: number): string {
    return this.ids[ordinal];
  }

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
    this.ids[ordinal] = data.transferId;
    const verdict = data.verdict;
    if (verdict !== undefined) {
      this.outcome.array[ordinal] =
        RECORDED_BIT | (verdict.legal ? 1 : 0) | (Math.max(0, REQUIREMENTS.indexOf(verdict.requirement)) << 1) | (Math.max(0, CLASSIFICATIONS.indexOf(verdict.classification)) << 3);
      this.satisfied.array[ordinal] = this.strings.code(satisfiedKey(verdict.satisfiedBy ?? []));
    }
  }

  /** The outcome recorded with the transfer (undefined for an event without a verdict). */
  recordedOutcome(ordinal: number): RecordedOutcome | undefined {
    const byte = this.outcome.array[ordinal];
    if ((byte & RECORDED_BIT) === 0) return undefined;
    const satisfied = this.strings.text(this.satisfied.array[ordinal]);
    return {
      legal: (byte & 1) === 1,
      requirement: REQUIREMENTS[(byte >> 1) & 3],
      classification: CLASSIFICATIONS[(byte >> 3) & 3],
      satisfiedBy: satisfied === '' ? [] : satisfied.split(SATISFIED_SEPARATOR),
    };
  }

  /**
   * Whether an answer differs from the verdict recorded with the transfer in `legal`,
   * `requirement`, `classification` or `satisfiedBy` as a set (docs/api.md §6 `changed`; notes
   * never count). A transfer recorded without a verdict is never changed.
   */
  changedSince(ordinal: number, answer: RecordedOutcome): boolean {
    const byte = this.outcome.array[ordinal];
    if ((byte & RECORDED_BIT) === 0) return false;
    if ((byte & 1) !== (answer.legal ? 1 : 0)) return true;
    if (REQUIREMENTS[(byte >> 1) & 3] !== answer.requirement || CLASSIFICATIONS[(byte >> 3) & 3] !== answer.classification) return true;
    const recorded = this.strings.text(this.satisfied.array[ordinal]);
    return recorded !== satisfiedKey(answer.satisfiedBy);
  }

  /**
   * The transfers as they are now (docs/design.md "Snapshots"). Every column here is only ever
   * appended to (an ordinal's row is written once), so they go as views; the ids too.
   */
  saveTo(image: ImageWriter): void {
    const size = this.size;
    image.number(size);
    image.strings(this.ids.slice(0, size));
    this.counts.saveTo(image);
    image.strings(this.strings.all());
    for (const column of this.columns) image.growable(column, size, true);
    image.json([...this.corrections]);
  }

  /** Fills a new instance from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    const size = image.number();
    const ids = image.strings();
    if (ids.length !== size) throw new RangeError(`the image holds ${ids.length} transfer ids for ${size} transfers`);
    this.counts.restoreFrom(image, ids);
    this.strings.restore(image.strings());
    for (const column of this.columns) image.growable(column);
    for (const [ordinal, list] of image.json<[number, DescriptionCorrection[]][]>()) this.corrections.set(ordinal, list);
    this.ids = ids;
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

  /** Every correction of the transfer (counts and description), by position in log order, each with what it set. */
  correctionsOf(ordinal: number): { readonly position: number; readonly changes: CorrectedValues }[] {
    const byPosition = new Map<number, CorrectedValues>();
    for (const { position, ...counts } of this.counts.countCorrectionsOf(ordinal)) byPosition.set(position, { ...counts });
    for (const { position, changes } of this.corrections.get(ordinal) ?? []) byPosition.set(position, { ...byPosition.get(position), ...changes });
    const defined = (changes: CorrectedValues): CorrectedValues => Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
    return [...byPosition].sort(([a], [b]) => a - b).map(([position, changes]) => ({ position, changes: defined(changes) }));
  }

  /**
   * The transfer with the values known at `cut`: as recorded, with the corrections recorded at or
   * before `cut`. (A transfer recorded after `cut` has no correction before it: it comes as recorded.)
   */
  asKnownAt(transferId: string, cut: bigint): KnownTransfer | undefined {
    const ordinal = this.counts.ordinalOf(transferId);
    if (ordinal === undefined) return undefined;
    return this.knownAt(ordinal, cutAsNumber(cut));
  }

  /** {@link asKnownAt} by ordinal, with the cut as a number (cutAsNumber). */
  knownAt(ordinal: number, at: number): KnownTransfer {
    const transferId = this.ids[ordinal];
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
