import { createEventStore } from '../../src/event-store/event-store.factory.js';
import { describeEventStoreContract } from './event-store.contract.js';

// An in-memory store lives as long as its connection: no reopen, so those tests are skipped.
describeEventStoreContract('SQLite in memory', {
  open: () => createEventStore('sqlite::memory:'),
});
