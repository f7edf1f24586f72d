import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy, Optional } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { asDomainEvent } from '../../application/decide-and-append.js';
import { EVENT_STORE, type EventStore, type RecordedEvent, type Subscription } from '../../event-store/event-store.port.js';
import { JsonLogger } from '../../logging/json.logger.js';
import { KeptEvents } from '../../snapshot/kept-events.js';
import { ProjectionSnapshots } from '../../snapshot/projection-snapshots.js';
import { CLOCK, type Clock } from '../../common/clock.js';
import { LedgerError } from '../../common/errors.js';
import { shanghaiDateOf } from '../../common/time.js';
import { ExpireDataListCommand } from '../commands/expire-data-list/expire-data-list.command.js';
import type { CommandOrigin } from '../commands/policy.command.js';
import { dataListDecider, type DataListState, expiryOf } from '../domain/data-list.decider.js';
import type { DataListEvent } from '../domain/policy.events.js';
import { parseFactStream } from '../domain/policy.streams.js';
import { LingangSeeder } from '../lingang.seeder.js';

/** How often the scheduler looks for ended terms (tests set it small). */
export const EXPIRY_INTERVAL_MS = Symbol('EXPIRY_INTERVAL_MS');
export const DEFAULT_EXPIRY_INTERVAL_MS = 60_000;

/** The expiry scheduler's part of the projection snapshot (docs/design.md "Snapshots"). */
export const EXPIRY_SNAPSHOT_PART = 'expiry';

/** Expiry events name the scheduler as their actor. */
export const EXPIRY_ORIGIN: CommandOrigin = { actor: { role: 'system', keyId: 'expiry-scheduler' } };

/**
 * Appends `DataListExpired` once a list's term end (as extended or terminated, as known now) is
 * on or before today's Shanghai date by the injected Clock (docs/domain.md §3 "Expiry"): at start-up,
 * for terms that ended while the process was down, then every interval. Which lists to look at
 * comes from a subscription to the log; whether to expire is decided by the data list decider on
 * the stream as read, and the event id is derived from list and term end, so any number of
 * instances append it once. The only reader of the clock among the policy writers: once per term
 * end that passed, so a renewal whose new end has passed too gets its own expiry, dated at that
 * end, beside the earlier one (docs/domain.md §3).
 */
@Injectable()
export class ExpiryScheduler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly lists = new Map<string, DataListState>();
  /** The last log position the subscription delivered, and passes waiting for it to reach theirs. */
  private reached = 0n;
  private waiting: { readonly position: bigint; readonly resume: () => void }[] = [];
  private subscription?: Subscription;
  private timer?: ReturnType<typeof setInterval>;
  private pass?: Promise<number>;
  /** Set on shutdown: a start still waiting for the store then does nothing. */
  private destroyed = false;
  /** The data list events, kept for the projection snapshot, from which a start restores the lists instead of reading the whole log. */
  private readonly kept = new KeptEvents();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly commands: CommandBus,
    private readonly logger: JsonLogger,
    @Optional() @Inject(EXPIRY_INTERVAL_MS) private readonly intervalMs: number = DEFAULT_EXPIRY_INTERVAL_MS,
    @Optional() private readonly seeder?: LingangSeeder,
    @Optional() private readonly snapshots?: ProjectionSnapshots,
  ) {
    this.snapshots?.register({ name: EXPIRY_SNAPSHOT_PART, capture: () => this.kept.capture() });
  }

  /**
   * Starts after the seed. Start-up waits for that while the store answers; with the store
   * unavailable (the seed waits for it, or a ping fails) it goes on, and the scheduler starts in
   * the background once the store is back, so the HTTP server listens meanwhile (GET /health 503).
   */
  onApplicationBootstrap(): Promise<void> {
    const started = (this.seeder?.seed() ?? Promise.resolve()).then(() => this.start());
    started.catch((error: Error) => {
      if (!this.destroyed) this.logger.write('error', 'expiry', `expiry scheduler not started: ${error.message}`, { stack: error.stack });
    });
    const unreachable = this.store.ping().then(
      () => new Promise<void>(() => undefined),
      () => undefined,
    );
    return Promise.race([started, unreachable, ...(this.seeder ? [this.seeder.waiting] : [])]);
  }

  /** Catches up on the log, expires what has ended, then checks every interval. */
  async start(): Promise<void> {
    if (this.destroyed) return;
    const part = await this.snapshots?.restore(EXPIRY_SNAPSHOT_PART).catch(() => undefined);
    if (this.destroyed) return;
    if (part) {
      for (const event of this.kept.restore(part)) this.evolve(event);
      this.reached = part.at.position;
    }
    this.subscription = this.store.subscribeToAll(part ? { from: { after: part.at.position } } : { from: 'start' }, (event) => this.track(event));
    // A subscription that ended on an event it could not deliver: no pass may wait for it, none may run on what it left.
    this.subscription.ended.catch((error: Error) => {
      clearInterval(this.timer);
      for (const waiter of this.waiting.splice(0)) waiter.resume();
      this.logger.write('error', 'expiry', `expiry scheduler stopped: ${error.message}`);
    });
    await this.subscription.caughtUp;
    if (this.destroyed) return;
    await this.runOnce();
    this.timer = setInterval(() => {
      this.runOnce().catch((error: Error) => this.logger.write('error', 'expiry', `expiry pass failed: ${error.message}`, { stack: error.stack }));
    }, this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    clearInterval(this.timer);
    await this.subscription?.stop();
    this.subscription = undefined;
    for (const waiter of this.waiting.splice(0)) waiter.resume();
    await this.pass;
  }

  /** One pass; answers how many expiry events this instance appended. Passes never overlap. */
  runOnce(): Promise<number> {
    this.pass = (this.pass ?? Promise.resolve(0)).then(() => this.expireDue(), () => this.expireDue());
    return this.pass;
  }

  private track(event: RecordedEvent): void {
    this.reached = event.position;
    this.waiting = this.waiting.filter((w) => (w.position <= event.position ? (w.resume(), false) : true));
    this.kept.note(event, this.evolve(event));
  }

  /** Follows a data list's stream; answers whether the event is one (the lists are built of those alone). */
  private evolve(event: RecordedEvent): boolean {
    const fact = parseFactStream(event.stream);
    if (fact?.kind !== 'data-list') return false;
    const state = this.lists.get(fact.id) ?? dataListDecider.initialState;
    this.lists.set(fact.id, dataListDecider.evolve(state, asDomainEvent<DataListEvent>(event)));
    return true;
  }

  /** Resolves once the subscription has delivered the log up to `position`. */
  private delivered(position: bigint): Promise<void> {
    if (this.subscription === undefined || position <= this.reached) return Promise.resolve();
    return new Promise((resume) => this.waiting.push({ position, resume }));
  }

  private async expireDue(): Promise<number> {
    // Look at every list as known now: what was appended before this pass began is tracked.
    await this.delivered((await this.store.headPosition()) ?? 0n);
    const today = shanghaiDateOf(this.clock.now());
    let appended = 0;
    for (const [listId, state] of this.lists) {
      const { termEnd } = state;
      if (termEnd === undefined || termEnd > today || expiryOf(state, termEnd) !== undefined) continue;
      try {
        const outcome = await this.commands.execute(new ExpireDataListCommand(listId, { effectiveUntil: termEnd }, EXPIRY_ORIGIN));
        if (outcome.appended) appended++;
      } catch (error) {
        // The stream moved on since the subscription saw it (an extension, say): the decider said no.
        if (!(error instanceof LedgerError)) throw error;
        this.logger.write('info', 'expiry', `data list ${listId} not expired: ${error.message}`);
      }
    }
    if (appended > 0) this.logger.write('info', 'expiry', `recorded the expiry of ${appended} data list(s) as of ${today}`);
    return appended;
  }
}
