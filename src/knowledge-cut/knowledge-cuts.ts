import { Inject, Injectable, Optional, type OnModuleDestroy } from '@nestjs/common';
import { EVENT_STORE, isPosition, POSITION_RULE, type EventStore } from '../event-store/event-store.port.js';
import { ValidationFailed } from '../common/errors.js';
import { INSTANT_RULE, instantToEpochMs, isInstant } from '../common/time.js';
import { LogWatermark } from '../event-store/log-watermark.js';
import type { ImageReader, ImageWriter } from '../common/snapshot-image.js';
import { JsonLogger } from '../logging/json.logger.js';
import { LedgerTree, type LedgerTreeOptions, type LoggedEvent, type TreeSeal } from './ledger-tree.js';
import { RecordedAtIndex } from './recorded-at.index.js';

/** Query parameters naming a knowledge cut (docs/api.md "Knowledge cuts"): at most one of them. */
export interface CutQuery {
  readonly position?: string;
  readonly knownAt?: string;
}


/**
 * `?knownAt=2025-01-01T00:00:00+08:00` sent without percent-encoding arrives with the `+` decoded
 * as a space (form encoding). An ISO instant has no other place for a space, so put the `+` back
 * rather than refuse a question whose meaning is unambiguous.
 */
const restorePlusOffset = (instant: string): string => instant.replace(/ (\d{2}:\d{2})$/, '+$1');

/**
 * The one place a `knownAt` or `position` becomes a ledger position (docs/design.md "Reading:
 * the knowledge cut"), for every slice. It also knows how far the read model has read the log:
 * the projection runner reports each event it applied ({@link advance}), so a cut is only
 * answered once the read model holds everything up to it (read-your-writes after a POST).
 * The same events feed the log's Merkle tree ({@link tree}), so the tree of a cut is there
 * whenever the cut is.
 */
@Injectable()
export class KnowledgeCuts implements OnModuleDestroy {
  private readonly treeOptions: LedgerTreeOptions;
  private recordedAt = new RecordedAtIndex();
  private ledgerTree: LedgerTree;
  private readonly watermark = new LogWatermark();
  /** The catch-up the calls of this turn share, until its head read starts. */
  private gathering?: Promise<bigint>;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Optional() logger?: JsonLogger,
  ) {
    this.treeOptions = {
      onWorkerFailure: (error) => logger?.write('error', 'seal', error.message),
    };
    this.ledgerTree = new LedgerTree(this.treeOptions);
  }

  /** Ends the tree's worker thread (src/knowledge-cut/tree-grower.ts). */
  async onModuleDestroy(): Promise<void> {
    await this.ledgerTree.close();
  }

  /** The log as a Merkle tree, as far as the read model has read it (docs/api.md §9 "Sealed log"). */
  get tree(): LedgerTree {
    return this.ledgerTree;
  }

  /** The position of the last event the read model applied (0n before the first). */
  get reached(): bigint {
    return this.watermark.reached;
  }

  /** The read model applied this event (called in log order). */
  advance(event: LoggedEvent): void {
    this.recordedAt.add(event.position, event.recordedAt);
    this.tree.add(event);
    this.watermark.advance(event.position);
  }

  /** What this keeps of the log as it is now (docs/design.md "Snapshots"): the knownAt index and the tree. */
  saveTo(image: ImageWriter): void {
    this.recordedAt.saveTo(image);
    this.tree.saveTo(image);
  }

  /**
   * Before the first event: the knownAt index and the tree from {@link saveTo}'s image, taken at
   * `position`. Read into new ones first, so an image that fails to read changes nothing.
   */
  restoreFrom(image: ImageReader, position: bigint): void {
    if (this.tree.size > 0 || this.reached > 0n) throw new RangeError('the knowledge cuts have read the log already: restore a snapshot before the first event');
    const recordedAt = new RecordedAtIndex();
    const tree = new LedgerTree(this.treeOptions);
    recordedAt.restoreFrom(image);
    tree.restoreFrom(image); // starts its worker only once it has read the whole image
    this.recordedAt = recordedAt;
    this.ledgerTree = tree; // the one it replaces is empty (checked above): no worker to end
    this.watermark.advance(position);
  }

  /** The read model stopped: every wait, now and later, fails with this error. */
  fail(error: Error): void {
    this.watermark.fail(error);
  }

  /** Resolves once the read model has applied every event up to `position`. */
  waitFor(position: bigint): Promise<void> {
    return this.watermark.waitFor(position);
  }

  /** Resolves once the read model has applied at least `treeSize` events. */
  waitForTreeSize(treeSize: number): Promise<void> {
    return this.watermark.waitUntil(() => this.tree.size >= treeSize);
  }

  /**
   * The tree size and root of the log at a cut the read model has reached (a verdict's `seal`):
   * the same at every later asking, since the cut's events never change.
   */
  sealAt(cut: bigint): TreeSeal {
    if (cut > this.reached) throw new RangeError(`the read model has reached ${this.reached}, not the cut ${cut}: catch up first`);
    return this.tree.sealAt(cut);
  }

  /**
   * Waits until the read model has applied every event up to the store's head as of this call;
   * returns that head (0n for an empty log). The calls of one turn of the event loop share one
   * head read and one wait, made once the last of them has called (so the head read is later
   * than every one of their calls: read-your-writes holds for each).
   */
  catchUp(): Promise<bigint> {
    this.gathering ??= new Promise<void>((resolve) => process.nextTick(resolve)).then(() => {
      this.gathering = undefined;
      return this.catchUpNow();
    });
    return this.gathering;
  }

  private async catchUpNow(): Promise<bigint> {
    const head = (await this.store.headPosition()) ?? 0n;
    await this.waitFor(head);
    return head;
  }

  /**
   * The position of the last event the read model applied at or before `position` (0n when
   * none): always a position a read of the log may start from, whatever `position` a user gave.
   */
  eventAtOrBefore(position: bigint): bigint {
    return this.recordedAt.positionAtOrBefore(position);
  }

  /** The last position recorded at or before the instant (epoch ms), 0n when none. */
  positionKnownAt(instantMs: number): bigint {
    return this.recordedAt.positionAt(instantMs);
  }

  /**
   * A knowledge cut from query parameters: `position` (decimal; beyond the head → ValidationFailed
   * on `position`), or `knownAt` (ISO instant with offset → the last position recorded at or
   * before it, 0n if none), or the head. Both given → ValidationFailed. Waits for catch-up.
   */
  async resolve(query: CutQuery): Promise<bigint> {
    const { position } = query;
    const knownAt = query.knownAt === undefined ? undefined : restorePlusOffset(query.knownAt);
    if (position !== undefined && knownAt !== undefined) {
      throw new ValidationFailed([
        { field: 'position', reason: 'must not be given together with knownAt (give one knowledge cut)' },
        { field: 'knownAt', reason: 'must not be given together with position (give one knowledge cut)' },
      ]);
    }
    if (position !== undefined && !isPosition(position)) throw ValidationFailed.of('position', POSITION_RULE);
    if (knownAt !== undefined && !isInstant(knownAt)) throw ValidationFailed.of('knownAt', INSTANT_RULE);
    const head = await this.catchUp();
    if (position !== undefined) {
      const cut = BigInt(position);
      if (cut > head) throw ValidationFailed.of('position', `is beyond the ledger head (${head})`);
      return cut;
    }
    if (knownAt !== undefined) return this.positionKnownAt(instantToEpochMs(knownAt));
    return head;
  }

  /**
   * The cut of a page of a listing (docs/api.md §13): the cut its cursor was issued for, when it
   * has one (a `knownAt` or `position` given beside it must name that same cut, else
   * ValidationFailed on `cursor`), or else {@link resolve}.
   */
  async resolvePage(query: CutQuery, issuedFor?: bigint): Promise<bigint> {
    if (issuedFor === undefined) return this.resolve(query);
    if (query.position !== undefined || query.knownAt !== undefined) {
      const asked = await this.resolve(query);
      if (asked !== issuedFor) throw ValidationFailed.of('cursor', `was issued for the cut ${issuedFor}, not ${asked}: leave knownAt and position out, or start again without the cursor`);
      return asked;
    }
    const head = await this.catchUp();
    if (issuedFor > head) throw ValidationFailed.of('cursor', `names the cut ${issuedFor}, beyond the ledger head (${head})`);
    return issuedFor;
  }
}
