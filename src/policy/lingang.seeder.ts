import { Inject, Injectable, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.js';
import { EVENT_STORE, EventStoreUnavailableError, type EventStore } from '../event-store/event-store.port.js';
import { JsonLogger } from '../logging/json.logger.js';
import { Conflict } from '../common/errors.js';
import { LINGANG_PACK } from './lingang-pack.js';

/** Waits between attempts while the store is unavailable: doubling from the first, never longer than the last. */
export interface SeedBackoff {
  readonly firstMs: number;
  readonly maxMs: number;
}

export const SEED_BACKOFF = Symbol('SEED_BACKOFF');
const DEFAULT_BACKOFF: SeedBackoff = { firstMs: 500, maxMs: 30_000 };

/**
 * Loads the Lingang pack into an empty ledger at start-up when `LEDGER_SEED` is `lingang`
 * (docs/api.md §2). The commands go through the ordinary handlers; two instances
 * seeding at once append each fact once (creations of the same id with the same content are
 * repeats).
 *
 * A store that is unavailable at start-up (an EventStoreDB node still starting, no leader yet)
 * does not stop the ledger: start-up goes on without the seed (GET /health answers 503 until the
 * store answers), and the seed is tried again with capped exponential backoff until it is
 * loaded. Once it has found the log empty, a retry carries on with the pack (repeats are
 * idempotent) rather than taking its own first facts for someone else's.
 */
@Injectable()
export class LingangSeeder implements OnApplicationBootstrap, OnModuleDestroy {
  private seeding?: Promise<void>;
  private foundEmpty = false;
  private stopped = false;
  private wake?: () => void;
  private announceWaiting!: () => void;
  /** Resolves the first time the seed has to wait for the store. */
  readonly waiting = new Promise<void>((resolve) => (this.announceWaiting = resolve));

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly logger: JsonLogger,
    @Optional() @Inject(SEED_BACKOFF) private readonly backoff: SeedBackoff = DEFAULT_BACKOFF,
  ) {}

  /** Start-up waits for the seed while the store answers, not while it waits for the store. */
  onApplicationBootstrap(): Promise<void> {
    const seeded = this.seed();
    seeded.catch((error: Error) => this.logger.write('error', 'seed', `Lingang pack not loaded: ${error.message}`, { stack: error.stack }));
    return Promise.race([seeded, this.waiting]);
  }

  onModuleDestroy(): void {
    this.stopped = true;
    this.wake?.();
  }

  /** Seeds once per process; later calls wait for the first (the expiry scheduler waits for it). */
  seed(): Promise<void> {
    this.seeding ??= this.run();
    return this.seeding;
  }

  private async run(): Promise<void> {
    if (this.config.seed !== 'lingang') return;
    for (let delay = this.backoff.firstMs; !this.stopped; delay = Math.min(delay * 2, this.backoff.maxMs)) {
      try {
        return await this.load();
      } catch (error) {
        if (!(error instanceof EventStoreUnavailableError)) throw error;
        this.announceWaiting();
        this.logger.write('warn', 'seed', `Lingang pack waits for the event store (next try in ${delay} ms): ${error.message}`);
        await this.pause(delay);
      }
    }
  }

  private async load(): Promise<void> {
    if (!this.foundEmpty) {
      if ((await this.store.headPosition()) !== undefined) return;
      this.foundEmpty = true;
    }
    let appended = 0;
    for (const command of LINGANG_PACK) {
      try {
        if ((await this.commands.execute(command)).appended) appended++;
      } catch (error) {
        // Someone recorded other content under a pack id after the emptiness check: theirs stands.
        if (!(error instanceof Conflict)) throw error;
        this.logger.write('warn', 'seed', `Lingang pack: ${error.message}; kept the recorded one`);
      }
    }
    this.logger.write('info', 'seed', `Lingang pack loaded: ${appended} of ${LINGANG_PACK.length} facts appended`);
  }

  /** Waits between attempts; shutting down cuts the wait short. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const wake = (): void => done();
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wake;
    });
  }
}
