import { createEventStore } from '../../src/event-store/event-store.factory.js';
import { describeEventStoreContract } from './event-store.contract.js';

/**
 * The same contract against a real EventStoreDB when ESDB_TEST_URL names one (README, "Running
 * on EventStoreDB", gives the one docker command). The suite only writes fresh random streams and
 * looks at the log after the head it saw, so a long-lived server is fine. The server must accept
 * appends over 1 MiB (EVENTSTORE_MAX_APPEND_SIZE), as the payload test writes one.
 */
const url = process.env.ESDB_TEST_URL;

if (url) {
  describeEventStoreContract('EventStoreDB (real server at ESDB_TEST_URL)', {
    open: () => createEventStore(url),
    reopen: () => createEventStore(url),
    liveDelayMs: 2000,
  });
} else {
  describe('event store contract: EventStoreDB (real server)', () => {
    it.skip('skipped: ESDB_TEST_URL is not set (e.g. esdb://localhost:2113?tls=false; see the README section "Running on EventStoreDB")', () => undefined);
  });
}
