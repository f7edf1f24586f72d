import { Inject, Injectable, Logger, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ImageWriter } from '../../common/snapshot-image.js';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { ProjectionSnapshots } from '../../snapshot/projection-snapshots.js';
import type { EventMark } from '../../snapshot/snapshot-file.js';
import { LegalityProjections } from './legality.projections.js';

/** The legality read model's part of the projection snapshot (with what KnowledgeCuts keeps of the log). */
export const LEGALITY_SNAPSHOT_PART = 'legality';

/**
 * Keeps the legality projections up to date: one subscription to the global log, opened on module
 * init and stopped on module destroy (before the store closes): from the start, or, when the
 * projection snapshot holds a valid image of the read model (docs/design.md "Snapshots"), after
 * the position it was saved at, the image restored first. Every event it applies is reported to
 * {@link KnowledgeCuts}, where queries wait until the read model has reached their cut
 * (read-your-writes after a POST), and counted towards the next snapshot.
 */
@Injectable()
export class LegalityProjectionRunner implements OnModuleInit, OnModuleDestroy {
  private current = new LegalityProjections();
  private readonly logger = new Logger('LegalityProjections');
  private subscription?: Subscription;
  /** Set on shutdown or at the first failure: later failures are not logged again. */
  private stopped = false;
  /** Set at the first failure: a read model that stopped on an event is never saved. */
  private failed = false;
  private last?: EventMark;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
    @Optional() private readonly snapshots?: ProjectionSnapshots,
  ) {}

  /** The read model (replaced once, by a snapshot's image, before the first event). */
  get projections(): LegalityProjections {
    return this.current;
  }

  onModuleInit(): void {
    this.snapshots?.register({ name: LEGALITY_SNAPSHOT_PART, capture: () => this.capture() });
    this.start().catch((error: unknown) => this.fail(error));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.subscription?.stop();
    this.subscription = undefined;
    this.cuts.fail(new Error('the legality projections are stopped (shutting down)'));
  }

  private async start(): Promise<void> {
    const started = Date.now();
    const after = await this.restore();
    if (this.stopped) return;
    this.subscription = this.store.subscribeToAll(after === undefined ? { from: 'start' } : { from: { after } }, (event) => this.handle(event));
    this.subscription.caughtUp.then(
      () => {
        this.logger.log(`caught up at position ${this.projections.reached} in ${Date.now() - started} ms${after === undefined ? '' : ` (from the snapshot at ${after})`}`);
        this.snapshots?.caughtUp();
      },
      (error: unknown) => this.fail(error),
    );
    // Also after catching up: an event the store cannot deliver (a malformed one) ends it too.
    this.subscription.ended.catch((error: unknown) => this.fail(error));
  }

  /** Restores the read model from the snapshot, if it holds a valid image; answers its position. */
  private async restore(): Promise<bigint | undefined> {
    let part;
    try {
      part = await this.snapshots?.restore(LEGALITY_SNAPSHOT_PART);
    } catch (error) {
      this.logger.warn(`projection snapshot not read (${(error as Error).message}): replaying the log`);
      return undefined;
    }
    if (part === undefined) return undefined;
    try {
      // Into a new read model: one that fails to read leaves the empty one in place.
      const restored = new LegalityProjections();
      restored.restoreFrom(part.image);
      this.cuts.restoreFrom(part.image, part.at.position);
      if (!part.image.done || restored.reached !== part.at.position) throw new Error('the image does not end where the read model does');
      this.current = restored;
      this.last = part.at;
      return part.at.position;
    } catch (error) {
      this.logger.warn(`projection snapshot not readable (${(error as Error).message}): replaying the log`);
      if (this.cuts.reached > 0n) throw error; // the cuts took it: no clean replay is possible in this process
      return undefined;
    }
  }

  private capture(): { at: EventMark; image: ImageWriter } | undefined {
    if (this.failed || this.last === undefined) return undefined;
    const image = new ImageWriter();
    this.projections.saveTo(image);
    this.cuts.saveTo(image);
    return { at: this.last, image };
  }

  private handle(event: RecordedEvent): void {
    try {
      this.projections.apply(event);
    } catch (error) {
      // A malformed event must not silently shift every later verdict: stop and say which one.
      const reason = error instanceof Error ? error.message : String(error);
      const named = new Error(`the ${event.type} event at position ${event.position} (stream ${event.stream}) cannot be applied: ${reason}`, { cause: error });
      this.fail(named);
      throw named;
    }
    this.cuts.advance(event);
    this.last = { position: event.position, eventId: event.id, hash: event.hash };
    this.snapshots?.applied();
  }

  private fail(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (!this.stopped) this.logger.error(`legality projections stopped: ${failure.message}`, failure.stack);
    this.stopped = true;
    this.failed = true;
    this.cuts.fail(failure);
  }
}
