import { EventStoreUnavailableError, type RecordedEvent } from '../../src/event-store/event-store.port.js';
import { AppendSignal, PollingSubscription, type PollingSource } from '../../src/event-store/sqlite/polling-subscription.js';
import { SqliteEventStore } from '../../src/event-store/sqlite/sqlite-event-store.js';
import { uuidv7 } from '../../src/common/ids.js';
import { waitUntil } from '../support/event-store/wait-until.js';

/**
 * The subscription loop over a real store's log, with reads that fail on demand: in WAL mode a
 * reader practically never meets a lock, so a transient read failure cannot be provoked for real.
 */
describe('the polling subscription', () => {
  let store: SqliteEventStore;
  let failuresLeft: number;
  let failure: Error;
  let source: PollingSource;

  beforeEach(() => {
    store = new SqliteEventStore({ path: ':memory:' });
    failuresLeft = 0;
    source = {
      readAfter: (after, max) => {
        if (failuresLeft > 0) {
          failuresLeft--;
          throw failure;
        }
        return store.readAll({ fromPosition: after + 1n, maxCount: max });
      },
      isTransient: (error) => error instanceof EventStoreUnavailableError,
      signal: new AppendSignal(),
      pageSize: 2,
      pollIntervalMs: 10,
    };
  });
  afterEach(() => store.close());

  const append = (count: number) => store.append('s', Array.from({ length: count }, () => ({ id: uuidv7(), type: 'T', data: {} })));

  it('retries reads that fail with the store unavailable, from the same position, and delivers everything once', async () => {
    await append(3);
    const seen: RecordedEvent[] = [];
    failure = new EventStoreUnavailableError('SQLITE_BUSY for now');
    failuresLeft = 3;
    const subscription = new PollingSubscription(source, 'start', (e) => void seen.push(e), () => undefined);
    await subscription.caughtUp;
    failuresLeft = 2;
    await append(2);
    await waitUntil(() => seen.length === 5, 'all five events');
    expect(seen.map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
    await subscription.stop();
  });

  it('stops on a read error that will not pass, rejecting caughtUp with it', async () => {
    await append(1);
    failure = new Error('no such table: events');
    failuresLeft = 1;
    let finished = false;
    const subscription = new PollingSubscription(source, 'start', () => undefined, () => (finished = true));
    await expect(subscription.caughtUp).rejects.toThrow('no such table');
    await subscription.stop();
    expect(finished).toBe(true);
    expect(subscription.lastPosition()).toBeUndefined();
  });
});
