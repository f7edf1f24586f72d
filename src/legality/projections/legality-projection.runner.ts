import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '../../event-store/event-store.port.js';
import { LegalityProjections } from './legality.projections.js';

interface Waiter {
  readonly position: bigint;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * Keeps the legality projections up to date: one subscription to the global log from the start,
 * opened on module init and stopped on module destroy (before the store closes). Queries wait here until the projections have
 * reached a position (read-your-writes after a POST).
 */
@Injectable()
export class LegalityProjectionRunner implements OnModuleInit, OnModuleDestroy {
  readonly projections = new LegalityProjections();
  private readonly logger = new Logger('LegalityProjections');
  private subscription?: Subscription;
  private waiters: Waiter[] = [];
  private failure?: Error;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  onModuleInit(): void {
    const started = Date.now();
    this.subscription = this.store.subscribeToAll({ from: 'start' }, (event) => this.handle(event));
    this.subscription.caughtUp.then(
      () => this.logger.log(`caught up at position ${this.projections.reached} in ${Date.now() - started} ms`),
      (error: unknown) => this.fail(error),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = undefined;
    this.fail(new Error('the legality projections are stopped (shutting down)'));
  }

  /** Resolves once every event up to `position` is applied. */
  waitFor(position: bigint): Promise<void> {
    if (this.projections.reached >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  private handle(event: RecordedEvent): void {
    try {
      this.projections.apply(event);
    } catch (error) {
      // A malformed event must not silently shift every later verdict: stop and say so.
      this.fail(error);
      throw error;
    }
    if (this.waiters.length === 0) return;
    const reached = this.projections.reached;
    const ready = this.waiters.filter((w) => w.position <= reached);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > reached);
    for (const waiter of ready) waiter.resolve();
  }

  private fail(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (!this.failure && !/shutting down/.test(failure.message)) this.logger.error(`legality projections stopped: ${failure.message}`, failure.stack);
    this.failure ??= failure;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(failure);
  }
}
