import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { EventStore } from './event-store.port.js';
import type { Synchronous } from './sqlite/sqlite-schema.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';
import { EsdbEventStore } from './esdb/esdb-event-store.js';
import type { StoreLog } from './store-log.js';

/** What the application tells the store beyond its URL (the embedded store uses only the log). */
export interface EventStoreOptions {
  /**
   * The prefixes of the ledger's own streams: on EventStoreDB, an event there that is not a
   * ledger event stops the projections with an error naming it, where an event of another
   * application's stream is skipped (README, "Running on EventStoreDB").
   */
  readonly ledgerStreamPrefixes?: readonly string[];
  /** Where the EventStoreDB adapter says what it skipped or keeps retrying. */
  readonly log?: StoreLog;
}

const ACCEPTED_FORMS =
  'sqlite:<path>[?synchronous=normal|full], sqlite::memory:, esdb://host:2113?tls=false or esdb+discover://host:2113';

/** A bad EVENT_STORE_URL: names the variable, the accepted forms and what was wrong. */
export class EventStoreUrlError extends Error {
  constructor(reason: string) {
    super(`EVENT_STORE_URL ${reason}; accepted forms: ${ACCEPTED_FORMS}`);
    this.name = 'EventStoreUrlError';
  }
}

/** `sqlite:<path>[?synchronous=normal|full]` or `sqlite::memory:`. */
function openSqlite(url: string, options: EventStoreOptions): EventStore {
  const [location, query = ''] = url.slice('sqlite:'.length).split('?', 2);
  if (location.length === 0) throw new EventStoreUrlError('sqlite: needs a file path or :memory:');
  let synchronous: Synchronous = 'normal';
  for (const [key, value] of new URLSearchParams(query)) {
    if (key !== 'synchronous') throw new EventStoreUrlError(`has an unknown sqlite option "${key}" (only synchronous)`);
    if (value !== 'normal' && value !== 'full') throw new EventStoreUrlError(`synchronous must be normal or full, not "${value}"`);
    synchronous = value;
  }
  if (location !== ':memory:') mkdirSync(dirname(location), { recursive: true });
  return new SqliteEventStore({ path: location, synchronous, log: options.log });
}

/** `esdb://host:2113?tls=false`, `esdb://n1:2113,n2:2113,n3:2113?…` or `esdb+discover://host:2113?…`: connects lazily. */
function openEsdb(url: string, options: EventStoreOptions): EventStore {
  try {
    return EsdbEventStore.connect(url, options);
  } catch (error) {
    // The client's parse errors quote the offending part, which may be a credential: keep only
    // where it is and what was expected ("at position 25, expected port number").
    const reason = error instanceof Error ? error.message.replace(/"[^"]*"/g, '…') : 'unparsable';
    throw new EventStoreUrlError(`is not a valid EventStoreDB connection string (${reason})`);
  }
}

/** One entry per adapter: the first whose scheme matches the URL opens the store. */
const ADAPTERS: readonly {
  readonly matches: (url: string) => boolean;
  readonly open: (url: string, options: EventStoreOptions) => EventStore | Promise<EventStore>;
}[] = [
  { matches: (url) => url.startsWith('sqlite:'), open: openSqlite },
  { matches: (url) => url.startsWith('esdb://') || url.startsWith('esdb+discover://'), open: openEsdb },
];

/**
 * Opens the event store named by EVENT_STORE_URL (docs/api.md, configuration). An unknown form
 * is refused with the accepted ones; only the scheme of the bad URL is echoed, since connection
 * strings may carry credentials.
 */
export async function createEventStore(url: string, options: EventStoreOptions = {}): Promise<EventStore> {
  if (typeof url !== 'string' || url.trim().length === 0) throw new EventStoreUrlError('is empty');
  const adapter = ADAPTERS.find((candidate) => candidate.matches(url));
  if (!adapter) {
    const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0];
    throw new EventStoreUrlError(scheme ? `has an unsupported scheme "${scheme}"` : 'is not a URL of a known form');
  }
  return adapter.open(url, options);
}
