import { DynamicModule, Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import { createEventStore, type EventStoreOptions } from './event-store.factory.js';
import { EVENT_STORE, type EventStore } from './event-store.port.js';
import { JsonLogger } from '../logging/json.logger.js';

/**
 * Closes the store last: `onApplicationShutdown` runs after every module's `onModuleDestroy` and
 * `beforeApplicationShutdown`, so subscriptions and schedulers stopped there finish first.
 */
@Injectable()
class EventStoreCloser implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    try {
      await this.store.close();
      this.logger.write('info', 'event-store', 'event store closed');
    } catch (error) {
      // Shutting down anyway: report it, do not hide the rest of the shutdown behind it.
      this.logger.write('error', 'event-store', `closing the event store failed: ${(error as Error).message}`, { stack: (error as Error).stack });
    }
  }
}

/**
 * Provides the {@link EventStore} port under {@link EVENT_STORE} to every module, opened from
 * `EVENT_STORE_URL`, with the ledger's stream prefixes and its logger for what the store says.
 */
@Global()
@Module({})
export class EventStoreModule {
  static forRoot(url: string, options: Omit<EventStoreOptions, 'log'> = {}): DynamicModule {
    return {
      module: EventStoreModule,
      providers: [
        {
          provide: EVENT_STORE,
          inject: [JsonLogger],
          useFactory: (logger: JsonLogger) =>
            createEventStore(url, { ...options, log: (level, message) => logger.write(level, 'event-store', message) }),
        },
        EventStoreCloser,
      ],
      exports: [EVENT_STORE],
    };
  }
}
