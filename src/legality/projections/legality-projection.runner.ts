import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '../../event-store/event-store.port.js';
import { KnowledgeCuts } from '../../knowledge-cut/knowledge-cuts.js';
import { LegalityProjections } from './legality.projections.js';

/**
 * Keeps the legality projections up to date: one subscription to the global log from the start,
 * opened on module init and stopped on module destroy (before the store closes). Every event it
 * applies is reported to {@link KnowledgeCuts}, where queries wait until the read model has
 * reached their cut (read-your-writes after a POST).
 */
@Injectable()
export class LegalityProjectionRunner implements OnModuleInit, OnModuleDestroy {
  readonly projections = new LegalityProjections();
  private readonly logger = new Logger('LegalityProjections');
  private subscription?: Subscription;
  /** Set on shutdown or at the first failure: later failures are not logged again. */
  private stopped = false;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cuts: KnowledgeCuts,
  ) {}

  onModuleInit(): void {
    const started = Date.now();
    this.subscription = this.store.subscribeToAll({ from: 'start' }, (event) => this.handle(event));
    this.subscription.caughtUp.then(
      () => this.logger.log(`caught up at position ${this.projections.reached} in ${Date.now() - started} ms`),
      (error: unknown) => this.fail(error),
    );
    // Also after catching up: an event the store cannot deliver (a malformed one) ends it too.
    this.subscription.ended.catch((error: unknown) => this.fail(error));
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    this.stopped = true;
    this.cuts.fail(new Error('the legality projections are stopped (shutting down)'));
  }

  private handle(event: RecordedEvent): void {
    try {
      this.projections.apply(event);
    } catch (error) {
      // A malformed event must not silently shift every later verdict: stop and say so.
      this.fail(error);
      throw error;
    }
    this.cuts.advance(event);
  }

  private fail(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (!this.stopped) this.logger.error(`legality projections stopped: ${failure.message}`, failure.stack);
    this.stopped = true;
    this.cuts.fail(failure);
  }
}
