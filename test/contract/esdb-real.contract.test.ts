import { createEventStore } from '../../src/event-store/event-store.factory.js';
import { isNodeList, resignLeader } from '../support/esdb-cluster-admin.js';
import { describeMemory, measureAppends } from '../support/esdb-double/adapter-memory.js';
import { describeEsdbBehaviour } from './esdb-behaviour.js';
import { describeEventStoreContract } from './event-store.contract.js';

/**
 * The contract, EventStoreDB's behaviour beyond it and the adapter's memory against a real
 * EventStoreDB when ESDB_TEST_URL names one (README, "Running on EventStoreDB", gives the one
 * command for the pinned image). The suites only write fresh random streams and look at the log
 * after the head they saw, so a long-lived server is fine. The server must accept appends over
 * 1 MiB (EVENTSTORE_MAX_APPEND_SIZE), as the payload test writes one. With a node list (a
 * cluster) the leader-change cases run too: they make the leader resign (Operations.ResignNode),
 * so a secure cluster needs an admin or ops user in the URL.
 */
const url = process.env.ESDB_TEST_URL;

if (url) {
  describeEventStoreContract('EventStoreDB (real server at ESDB_TEST_URL)', {
    open: () => createEventStore(url),
    reopen: () => createEventStore(url),
    liveDelayMs: 2000,
  });
  describeEsdbBehaviour('real server at ESDB_TEST_URL', {
    url: () => url,
    changeLeader: isNodeList(url) ? () => resignLeader(url) : undefined,
    liveDelayMs: 5000,
  });
  describe('EventStoreDB adapter: memory with a long log behind it (real server at ESDB_TEST_URL)', () => {
    it('appends of every kind, after 200,000 more events, keep under 8 MB and hold one page at a time', async () => {
      const measured = await measureAppends(200_000, url);
      process.stdout.write(`${describeMemory(measured)}\n`);
      expect(measured.keptBytes).toBeLessThan(8 * 2 ** 20);
      expect(measured.heldAtOnceBytes).toBeLessThan(32 * 2 ** 20);
    }, 900_000);
  });
} else {
  describe('event store contract: EventStoreDB (real server)', () => {
    it.skip('skipped: ESDB_TEST_URL is not set (e.g. esdb://localhost:2113?tls=false; see the README section "Running on EventStoreDB")', () => undefined);
  });
}
