import { AccessKeys } from '../../../src/access/access-keys.js';
import { accessKeyStream } from '../../../src/access/domain/access-key.events.js';
import { apiKeyDigest, keyIdOf } from '../../../src/auth/api-key.secret.js';
import { uuidv7 } from '../../../src/common/ids.js';
import type { EventHandler, EventStore, RecordedEvent } from '../../../src/event-store/event-store.port.js';
import { SqliteEventStore } from '../../../src/event-store/sqlite/sqlite-event-store.js';
import { JsonLogger } from '../../../src/logging/json.logger.js';

const KEY = 'auditor-key-for-the-revocation-test-0123456789';
const digest = apiKeyDigest(KEY);
const keyId = keyIdOf('auditor', digest);

/**
 * The store as an instance whose subscription can be held back: while `held`, the events it
 * delivers wait (as when another instance's append has not reached this one's subscription yet).
 */
function withHeldSubscription(store: EventStore) {
  const counts = { streamReads: 0, headReads: 0 };
  const state = { held: false, waiting: [] as (() => Promise<void>)[] };
  const view = {
    headPosition: () => {
      counts.headReads++;
      return store.headPosition();
    },
    readStream: (...args: Parameters<EventStore['readStream']>) => {
      counts.streamReads++;
      return store.readStream(...args);
    },
    subscribeToAll: (options: Parameters<EventStore['subscribeToAll']>[0], handler: EventHandler) =>
      store.subscribeToAll(options, (event: RecordedEvent) => {
        if (!state.held) return handler(event);
        return new Promise<void>((resolve) => state.waiting.push(async () => resolve(await handler(event))));
      }),
  } as unknown as EventStore;
  const release = async () => {
    state.held = false;
    for (const next of state.waiting.splice(0)) await next();
  };
  return { view, counts, state, release };
}

describe('AccessKeys: a revocation answered elsewhere before a request is seen, read from the log only when the ring may be behind', () => {
  let store: SqliteEventStore;
  let keys: AccessKeys;
  let held: ReturnType<typeof withHeldSubscription>;
  beforeEach(async () => {
    store = new SqliteEventStore({ path: ':memory:' });
    held = withHeldSubscription(store);
    keys = new AccessKeys(held.view, { keys: [{ key: KEY, role: 'auditor' }], source: 'configured' }, new JsonLogger('silent'));
    keys.onModuleInit();
    await store.append('other', [{ id: uuidv7(), type: 'Something', data: {} }]);
    await keys.catchUp();
  });
  afterEach(async () => {
    await held.release();
    await keys.onModuleDestroy();
    await store.close();
  });

  it('answers from the ring alone, with no read of the key stream, when the ring has learnt the log up to the head', async () => {
    const headReads = held.counts.headReads;
    const answers = await Promise.all([keys.authenticate(KEY), keys.authenticate(KEY), keys.authenticate(KEY)]);
    expect(answers.map((principal) => principal?.role)).toEqual(['auditor', 'auditor', 'auditor']);
    expect(held.counts).toEqual({ streamReads: 0, headReads: headReads + 1 }); // one head read for the three
  });

  it("refuses a key revoked by another instance that this one's subscription has not delivered yet (the key stream is read)", async () => {
    held.state.held = true;
    await store.append(accessKeyStream(keyId), [
      { id: uuidv7(), type: 'AccessKeyRevoked', data: { keyId, digest: digest.toString('hex'), role: 'auditor' } },
    ]);
    // The ring alone still accepts it: only the read of the key's stream can refuse it.
    expect(keys.recognise(KEY)?.role).toBe('auditor');
    expect(await keys.authenticate(KEY)).toBeUndefined();
    expect(held.counts.streamReads).toBe(1);
    // Known to be behind the head now: the next request reads the key's stream alone, not the head first.
    const headReads = held.counts.headReads;
    expect(await keys.authenticate(KEY)).toBeUndefined();
    expect(held.counts).toEqual({ streamReads: 2, headReads });
    await held.release();
    await keys.catchUp();
    expect(await keys.authenticate(KEY)).toBeUndefined();
    expect(keys.recognise(KEY)).toBeUndefined();
  });
});
