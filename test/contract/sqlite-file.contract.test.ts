import { join } from 'node:path';
import { createEventStore } from '../../src/event-store/event-store.factory.js';
import { makeTempDir } from '../support/event-store/temp-dir.js';
import { describeEventStoreContract } from './event-store.contract.js';

// A file store opened through the factory, as the application opens it; every open() starts a
// new file and reopen() opens another connection to the latest one.
const dir = makeTempDir('ledger-contract');
let opened = 0;
const current = (): string => `sqlite:${join(dir.path, `store-${opened}`, 'ledger.sqlite')}`;

describeEventStoreContract('SQLite file', {
  open: async () => {
    opened++;
    return createEventStore(current());
  },
  reopen: () => createEventStore(current()),
  cleanup: async () => dir.remove(),
  liveDelayMs: 100,
});
