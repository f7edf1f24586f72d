import { decideAndAppend } from '../../../src/application/decide-and-append.js';
import { createEventStore } from '../../../src/event-store/event-store.factory.js';
import type { EventStore } from '../../../src/event-store/event-store.port.js';
import { companyDecider, type CompanyCommand } from '../../../src/policy/domain/company.decider.js';
import { factStream } from '../../../src/policy/domain/policy.streams.js';
import { Conflict, ValidationFailed } from '../../../src/common/errors.js';
import { uuidv5 } from '../../../src/common/ids.js';

const TESLA = 'tesla-shanghai';
const stream = factStream('company', TESLA);
const register = (zoneId: string, effectiveFrom = '2018-10-17'): CompanyCommand => ({ type: 'RegisterCompany', data: { companyId: TESLA, zoneId, effectiveFrom } });
const metadata = { actor: { role: 'regulator', keyId: 'k1' } };

describe('decideAndAppend (read, decide, append with the revision read, retry on conflict)', () => {
  let store: EventStore;
  beforeEach(async () => {
    store = await createEventStore('sqlite::memory:');
  });
  afterEach(() => store.close());

  it('appends a creation to a new stream, with the metadata', async () => {
    const outcome = await decideAndAppend(store, stream, companyDecider, register('cn-shanghai-lingang'), { metadata });
    expect(outcome.appended).toBe(true);
    const [recorded] = await store.readStream(stream);
    expect(recorded).toMatchObject({ id: outcome.event.id, type: 'CompanyRegistered', position: outcome.event.position, metadata });
    expect(recorded.data).toEqual({ companyId: TESLA, zoneId: 'cn-shanghai-lingang', effectiveFrom: '2018-10-17' });
  });

  it('answers an idempotent repeat with the original event and appends nothing', async () => {
    const first = await decideAndAppend(store, stream, companyDecider, register('cn-shanghai-lingang'));
    const again = await decideAndAppend(store, stream, companyDecider, register('cn-shanghai-lingang'));
    expect(again).toEqual({ appended: false, event: first.event });
    expect(await store.headPosition()).toBe(first.event.position);
  });

  it('appends nothing when the decider rejects', async () => {
    await decideAndAppend(store, stream, companyDecider, register('cn-shanghai-lingang'));
    const head = await store.headPosition();
    await expect(decideAndAppend(store, stream, companyDecider, register('cn-shanghai-lingang', '2019-01-01'))).rejects.toBeInstanceOf(Conflict);
    await expect(decideAndAppend(store, stream, companyDecider, register('z', '2019-02-30'))).rejects.toBeInstanceOf(ValidationFailed);
    expect(await store.headPosition()).toBe(head);
  });

  it('turns a concurrent identical creation into a repeat of the winner', async () => {
    const outcomes = await Promise.all([1, 2, 3].map(() => decideAndAppend(store, stream, companyDecider, register('cn-shanghai-lingang'))));
    expect(outcomes.filter((o) => o.appended)).toHaveLength(1);
    expect(new Set(outcomes.map((o) => o.event.id)).size).toBe(1);
    expect(await store.readStream(stream)).toHaveLength(1);
  });

  it('decides again on the fresh state when another writer got in between', async () => {
    const outcomes = await Promise.all(['zone-a', 'zone-b', 'zone-c'].map((zone) => decideAndAppend(store, stream, companyDecider, register(zone))));
    expect(outcomes.every((o) => o.appended)).toBe(true);
    expect((await store.readStream(stream)).map((e) => e.data.zoneId).sort()).toEqual(['zone-a', 'zone-b', 'zone-c']);
  });

  it('uses the event ids it is given', async () => {
    const id = uuidv5('test:registration');
    const outcome = await decideAndAppend(store, stream, companyDecider, register('cn-shanghai-lingang'), { eventId: () => id });
    expect(outcome.event.id).toBe(id);
  });

  it('gives up with a 409 when the stream keeps changing under it', async () => {
    let interruptions = 0;
    // A real second writer that registers the company in yet another zone just before each append.
    const contended: EventStore = Object.create(store, {
      append: {
        value: async (...args: Parameters<EventStore['append']>) => {
          await decideAndAppend(store, stream, companyDecider, register(`other-${++interruptions}`));
          return store.append(...args);
        },
      },
    });
    await decideAndAppend(store, stream, companyDecider, register('first'));
    await expect(decideAndAppend(contended, stream, companyDecider, register('mine'), { maxAttempts: 3 })).rejects.toBeInstanceOf(Conflict);
    expect(interruptions).toBe(3);
    expect((await store.readStream(stream)).map((e) => e.data.zoneId)).not.toContain('mine');
  });
});
