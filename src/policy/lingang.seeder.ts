import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.js';
import { EVENT_STORE, type EventStore } from '../event-store/event-store.port.js';
import { JsonLogger } from '../logging/json.logger.js';
import { Conflict } from '../common/errors.js';
import { LINGANG_PACK } from './lingang-pack.js';

/**
 * Loads the Lingang pack into an empty ledger at start-up when `LEDGER_SEED` is `lingang`
 * (docs/api.md). The commands go through the ordinary handlers; two instances seeding at once
 * append each fact once (creations of the same id with the same content are repeats).
 */
@Injectable()
export class LingangSeeder implements OnApplicationBootstrap {
  private seeding?: Promise<void>;

  constructor(
    @Inject(LEDGER_CONFIG) private readonly config: LedgerConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly logger: JsonLogger,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.seed();
  }

  /** Seeds once per process; later calls wait for the first (the expiry scheduler waits for it). */
  seed(): Promise<void> {
    this.seeding ??= this.run();
    return this.seeding;
  }

  private async run(): Promise<void> {
    if (this.config.seed !== 'lingang') return;
    if ((await this.store.headPosition()) !== undefined) return;
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
}
