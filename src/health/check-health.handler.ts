import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LEDGER_CONFIG, type LedgerConfig } from '../config/ledger-config.js';
import { EVENT_STORE, positionToString, STORE_UNAVAILABLE, type EventStore } from '../event-store/event-store.port.js';
import { JsonLogger } from '../logging/json.logger.js';
import { CheckHealthQuery, type Health } from './check-health.query.js';

/** A health check that hangs is no answer: give up on the store after this long. */
const PING_TIMEOUT_MS = 2000;

@QueryHandler(CheckHealthQuery)
export class CheckHealthHandler implements IQueryHandler<CheckHealthQuery> {
  private readonly storeKind: Health['store'];

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(LEDGER_CONFIG) config: LedgerConfig,
    private readonly logger: JsonLogger,
  ) {
    this.storeKind = config.eventStoreUrl.startsWith('sqlite:') ? 'sqlite' : 'eventstoredb';
  }

  async execute(): Promise<Health> {
    try {
      const head = await withTimeout(
        this.store.ping().then(() => this.store.headPosition()),
        PING_TIMEOUT_MS,
      );
      return { status: 'ok', store: this.storeKind, position: head === undefined ? null : positionToString(head) };
    } catch (error) {
      // The store's own words may name hosts, files and paths: they go to the log, not to the caller.
      this.logger.write('error', 'health', 'the event store does not answer', { error: error instanceof Error ? error.message : String(error) });
      return { status: 'unavailable', store: this.storeKind, message: STORE_UNAVAILABLE };
    }
  }
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
