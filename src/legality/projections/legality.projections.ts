import { policyDataProblems } from '../../policy/domain/policy-event.shapes.js';
import { isPolicyEventType, type PolicyEvent } from '../../policy/domain/policy.events.js';
import type { RecordedEvent } from '../../event-store/event-store.port.js';
import { NotFound } from '../../common/errors.js';
import type { ImageReader, ImageWriter } from '../../common/snapshot-image.js';
import { instantToEpochMs } from '../../common/time.js';
import { evaluate } from '../domain/legality.evaluator.js';
import { LogIndex } from '../domain/log-index.js';
import { PolicyHistory } from '../domain/policy-history.js';
import { RecordedTransfers } from '../domain/recorded-transfers.js';
import { cutAsNumber, type OrderKey } from '../domain/transfer-counts.js';
import { COMPANY_TRANSFERS_PREFIX, type RecordedTransferFacts, type TransferCorrectionFacts } from '../domain/transfer-facts.js';
import type { TransferUnderEvaluation } from '../domain/transfer-under-evaluation.js';
import type { Verdict } from '../domain/verdict.js';

/** A recording of a transfer id that was already recorded: in the log, but not the transfer. */
export interface IgnoredRecording {
  readonly transferId: string;
  readonly stream: string;
  readonly position: bigint;
}

/**
 * The legality read model, fed with the global log in order (docs/design.md, "Reading"): the
 * policy history and every recorded transfer with its counts and corrections (the recordedAt
 * index of `knownAt` is src/knowledge-cut's). It knows the position it has reached and answers verdicts as known at any cut up to it.
 * No framework here: the Nest runner subscribes it to the store; tests and benches feed it directly.
 */
export class LegalityProjections {
  readonly policy = new PolicyHistory();
  readonly transfers = new RecordedTransfers();
  /** Every event of the log by type and company, for filtered timelines (audit). */
  readonly log = new LogIndex();
  /** The company of each instrument: its revocation does not name it, but is about it (log index). */
  private readonly instrumentCompanies = new Map<string, string>();
  /** The last revision of each company's transfers stream (`transfers-of-<companyId>`), by stream: what a recording conditions its append on. */
  private readonly companySequences = new Map<string, bigint>();
  /** Recordings of an id already recorded (only two instances of a store that cannot refuse them write these): never the transfer. */
  private readonly ignored: IgnoredRecording[] = [];
  private reachedPosition = 0n;
  private appliedAny = false;

  /** The position of the last event applied (0n before the first). */
  get reached(): bigint {
    return this.reachedPosition;
  }

  /** Applies the next event of the global log. */
  apply(event: RecordedEvent): void {
    if (this.appliedAny && event.position <= this.reachedPosition) return; // already applied
    if (isPolicyEventType(event.type)) {
      this.applyPolicy(event.type, event.data, event.id, event.position);
    } else if (event.type === 'TransferRecorded') {
      const data = event.data as unknown as RecordedTransferFacts;
      if (this.transfers.counts.ordinalOf(data.transferId) !== undefined) this.ignored.push({ transferId: data.transferId, stream: event.stream, position: event.position });
      this.transfers.record(data, event.position);
    } else if (event.type === 'TransferCorrected') {
      this.transfers.correct(event.data as unknown as TransferCorrectionFacts, event.position);
    }
    // Every event of the stream counts, also a recording ignored for a taken id: the stream's revision is what the store checks.
    if (event.stream.startsWith(COMPANY_TRANSFERS_PREFIX)) this.companySequences.set(event.stream, event.revision);
    this.log.add(event.position, event.recordedAt.getTime(), event.type, this.companyOf(event));
    this.reachedPosition = event.position;
    this.appliedAny = true;
  }

  /**
   * The read model as it is now (docs/design.md "Snapshots"): the policy events (few; applied
   * again on restoring, through the same code as here), the transfers and the log index (their
   * columns), and what this class keeps besides.
   */
  saveTo(image: ImageWriter): void {
    image.json(this.policy.eventsBetween(-1n, this.reachedPosition).map(({ event, eventId, position }) => [event.type, event.data, eventId, position]));
    this.transfers.saveTo(image);
    this.log.saveTo(image);
    image.json({
      instrumentCompanies: [...this.instrumentCompanies],
      companySequences: [...this.companySequences],
      ignored: this.ignored,
      reached: this.reachedPosition,
      appliedAny: this.appliedAny,
    });
  }

  /** Fills a new instance from {@link saveTo}'s image. */
  restoreFrom(image: ImageReader): void {
    for (const [type, data, eventId, position] of image.json<[PolicyEvent['type'], RecordedEvent['data'], string, string][]>()) this.applyPolicy(type, data, eventId, BigInt(position));
    this.transfers.restoreFrom(image);
    this.log.restoreFrom(image);
    const rest = image.json<{
      instrumentCompanies: [string, string][];
      companySequences: [string, string][];
      ignored: { transferId: string; stream: string; position: string }[];
      reached: string;
      appliedAny: boolean;
    }>();
    for (const [instrumentId, companyId] of rest.instrumentCompanies) this.instrumentCompanies.set(instrumentId, companyId);
    for (const [stream, revision] of rest.companySequences) this.companySequences.set(stream, BigInt(revision));
    for (const { transferId, stream, position } of rest.ignored) this.ignored.push({ transferId, stream, position: BigInt(position) });
    this.reachedPosition = BigInt(rest.reached);
    this.appliedAny = rest.appliedAny;
  }

  private applyPolicy(type: PolicyEvent['type'], data: RecordedEvent['data'], eventId: string, position: bigint): void {
    // An unreadable event makes its fact unreadable, not the whole read model (policy-history.ts).
    const problems = policyDataProblems(type, data).map((p) => `${p.field} ${p.reason}`);
    this.policy.apply({ event: { type, data } as unknown as PolicyEvent, eventId, position, problems });
  }

  /** The company an event is about, if any (docs/api.md §9: the timeline's `companyId`). */
  private companyOf(event: RecordedEvent): string | undefined {
    const data = event.data as { companyId?: unknown; instrumentId?: unknown; transferId?: unknown };
    if (event.type === 'TransferCorrected') {
      const ordinal = typeof data.transferId === 'string' ? this.transfers.counts.ordinalOf(data.transferId) : undefined;
      return ordinal === undefined ? undefined : this.transfers.counts.companyOf(ordinal);
    }
    if (typeof data.instrumentId === 'string' && isPolicyEventType(event.type)) {
      if (typeof data.companyId === 'string') this.instrumentCompanies.set(data.instrumentId, data.companyId);
      return this.instrumentCompanies.get(data.instrumentId);
    }
    return typeof data.companyId === 'string' ? data.companyId : undefined;
  }

  /** Every `TransferRecorded` of an id recorded before it in the log, which the read model ignores (docs/design.md "Writing"). */
  get ignoredRecordings(): readonly IgnoredRecording[] {
    return this.ignored;
  }

  /** The last revision of a company's transfers stream as far as the read model has read the log; undefined while it has no event. */
  sequenceRevision(stream: string): bigint | undefined {
    return this.companySequences.get(stream);
  }

  /**
   * The ledger position of the transfer's `TransferRecorded` event, whichever stream holds it
   * (undefined when not recorded). Two recordings of one id (two companies racing on two
   * instances of a store that cannot refuse the second): the first in log order is the transfer.
   */
  recordingPosition(transferId: string): bigint | undefined {
    const ordinal = this.transfers.counts.ordinalOf(transferId);
    return ordinal === undefined ? undefined : BigInt(this.transfers.counts.keyOf(ordinal).position);
  }

  /** LegalityService.evaluateNew: a transfer not in the log at `cut` counts itself once, after every known transfer of the same instant. */
  evaluateNew(transfer: TransferUnderEvaluation, cut: bigint): Verdict {
    return this.evaluateAt(transfer, { date: transfer.date, occurredAtMs: instantToEpochMs(transfer.occurredAt), position: Infinity }, cut);
  }

  /** LegalityService.evaluateRecorded: the recorded transfer with its values as known at `cut` (as recorded when recorded after it). */
  evaluateRecorded(transferId: string, cut: bigint): Verdict {
    const known = this.transfers.asKnownAt(transferId, cut);
    if (!known) throw new NotFound('transfer', transferId);
    const key = this.transfers.counts.keyOf(known.ordinal);
    return this.evaluateAt(known.transfer, key, cut);
  }

  private evaluateAt(transfer: TransferUnderEvaluation, key: OrderKey, cut: bigint): Verdict {
    if (cut > this.reachedPosition) throw new RangeError(`the legality projections have reached ${this.reachedPosition}, not the cut ${cut}: catch up first`);
    const at = cutAsNumber(cut);
    return evaluate({
      policy: this.policy.viewAt(cut),
      transfer,
      countsBefore: (fromDate) => this.transfers.counts.cumulative(transfer.companyId, fromDate, key, at),
      cut,
    });
  }
}
