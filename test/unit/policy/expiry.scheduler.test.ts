import { Test, type TestingModule } from '@nestjs/testing';
import { CommandBus, CqrsModule } from '@nestjs/cqrs';
import { join } from 'node:path';
import { createEventStore } from '../../../src/event-store/event-store.factory.js';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '../../../src/event-store/event-store.port.js';
import { JsonLogger } from '../../../src/logging/json.logger.js';
import { ExpireDataListHandler, expiryEventId } from '../../../src/policy/commands/expire-data-list/expire-data-list.handler.js';
import { ExtendDataListCommand } from '../../../src/policy/commands/extend-data-list/extend-data-list.command.js';
import { ExtendDataListHandler } from '../../../src/policy/commands/extend-data-list/extend-data-list.handler.js';
import type { CommandOrigin } from '../../../src/policy/commands/policy.command.js';
import { PolicyWriter } from '../../../src/policy/commands/policy.writer.js';
import { PublishDataListCommand } from '../../../src/policy/commands/publish-data-list/publish-data-list.command.js';
import { PublishDataListHandler } from '../../../src/policy/commands/publish-data-list/publish-data-list.handler.js';
import { TerminateDataListCommand } from '../../../src/policy/commands/terminate-data-list/terminate-data-list.command.js';
import { TerminateDataListHandler } from '../../../src/policy/commands/terminate-data-list/terminate-data-list.handler.js';
import { ExpiryScheduler } from '../../../src/policy/expiry/expiry.scheduler.js';
import { FixedClock } from '../../../src/common/clock.js';
import { makeTempDir } from '../../support/event-store/temp-dir.js';
import { waitUntil } from '../../support/event-store/wait-until.js';

const regulator: CommandOrigin = { actor: { role: 'regulator', keyId: 'test' } };
const LIST = 'lingang-gdl-2024';
/** Midnight in Shanghai (UTC+8) starting the given Shanghai date. */
const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

const publish = (store: EventStore, clock: FixedClock, listId = LIST) =>
  new PublishDataListHandler(new PolicyWriter(store)).execute(
    new PublishDataListCommand(
      listId,
      { listId, kind: 'general', title: 'pilot', zones: ['cn-shanghai-lingang'], effectiveFrom: '2024-05-17', termMonths: 12, entries: [{ field: 'icv' }] },
      regulator,
    ),
  );

const expiries = async (store: EventStore): Promise<RecordedEvent[]> => (await store.readAll()).filter((e) => e.type === 'DataListExpired');

describe('expiry scheduler', () => {
  let clock: FixedClock;
  let store: EventStore;
  let schedulers: ExpiryScheduler[];
  const modules: TestingModule[] = [];
  /** The scheduler sends its commands through a real CommandBus with the real handler on `on`. */
  const scheduler = async (on: EventStore = store, intervalMs?: number): Promise<ExpiryScheduler> => {
    const moduleRef = await Test.createTestingModule({
      imports: [CqrsModule.forRoot()],
      providers: [ExpireDataListHandler, PolicyWriter, { provide: EVENT_STORE, useValue: on }],
    }).compile();
    await moduleRef.init();
    modules.push(moduleRef);
    const created = new ExpiryScheduler(on, clock, moduleRef.get(CommandBus), new JsonLogger('silent'), intervalMs);
    schedulers.push(created);
    return created;
  };

  /** Two stores opened on one SQLite file, as two processes would; closed with their schedulers afterwards. */
  const onOneFile = async (run: (one: EventStore, two: EventStore) => Promise<void>): Promise<void> => {
    const dir = makeTempDir('expiry');
    const url = `sqlite:${join(dir.path, 'ledger.sqlite')}`;
    const [one, two] = [await createEventStore(url), await createEventStore(url)];
    try {
      await run(one, two);
    } finally {
      for (const s of schedulers.splice(0)) await s.onModuleDestroy();
      await one.close();
      await two.close();
      dir.remove();
    }
  };

  beforeEach(async () => {
    clock = new FixedClock(shanghaiMidnight('2025-01-01'));
    store = await createEventStore('sqlite::memory:');
    schedulers = [];
  });
  afterEach(async () => {
    for (const s of schedulers) await s.onModuleDestroy();
    for (const m of modules.splice(0)) await m.close();
    await store.close();
  });

  it('records nothing while the term runs, through its last day in Shanghai', async () => {
    await publish(store, clock);
    clock.set(new Date('2025-05-16T15:59:59Z')); // 23:59:59 on 2025-05-16 in Shanghai: the last day in force
    const s = await scheduler();
    await s.start();
    expect(await s.runOnce()).toBe(0);
    expect(await expiries(store)).toEqual([]);
  });

  it('records the expiry once the Shanghai date reaches the term end, with the term end and a deterministic id', async () => {
    await publish(store, clock);
    const s = await scheduler();
    await s.start();
    clock.set(new Date('2025-05-16T16:00:00Z')); // midnight starting 2025-05-17 in Shanghai
    expect(await s.runOnce()).toBe(1);
    const [expired] = await expiries(store);
    expect(expired).toMatchObject({ id: expiryEventId(LIST, '2025-05-17'), data: { listId: LIST, effectiveUntil: '2025-05-17' } });
    expect(expired.metadata).toEqual({ actor: { role: 'system', keyId: 'expiry-scheduler' } });
    expect(await s.runOnce()).toBe(0);
    expect(await expiries(store)).toHaveLength(1);
  });

  it('sees a list another process published just before a pass, without waiting for the next one', async () => {
    await onOneFile(async (mine, theirs) => {
      const s = await scheduler(mine);
      await s.start();
      clock.set(shanghaiMidnight('2025-06-01'));
      await publish(theirs, clock);
      expect(await s.runOnce()).toBe(1);
    });
  });

  it('records at start-up a term that ended while no scheduler ran', async () => {
    await publish(store, clock);
    clock.set(shanghaiMidnight('2026-11-25'));
    await (await scheduler()).start();
    expect((await expiries(store)).map((e) => e.data.effectiveUntil)).toEqual(['2025-05-17']);
  });

  it('appends once when two schedulers on one store run at the same time', async () => {
    await publish(store, clock);
    await publish(store, clock, 'second-list');
    const [a, b] = await Promise.all([scheduler(), scheduler()]);
    await Promise.all([a.start(), b.start()]);
    clock.set(shanghaiMidnight('2025-06-01'));
    await Promise.all([a.runOnce(), b.runOnce()]);
    expect((await expiries(store)).map((e) => e.data.listId).sort()).toEqual([LIST, 'second-list']);
  });

  it('appends once when two processes run schedulers on one SQLite file', async () => {
    await onOneFile(async (one, two) => {
      await publish(one, clock);
      clock.set(shanghaiMidnight('2025-06-01'));
      const [first, second] = await Promise.all([scheduler(one), scheduler(two)]);
      await Promise.all([first.start(), second.start()]);
      expect(await expiries(two)).toHaveLength(1);
    });
  });

  it('follows an extension: nothing at the old term end, the new end when it comes', async () => {
    await publish(store, clock);
    const s = await scheduler();
    await s.start();
    await new ExtendDataListHandler(new PolicyWriter(store)).execute(new ExtendDataListCommand(LIST, { effectiveUntil: '2026-05-17' }, regulator));
    clock.set(shanghaiMidnight('2025-06-01'));
    expect(await s.runOnce()).toBe(0);
    clock.set(shanghaiMidnight('2026-05-17'));
    expect(await s.runOnce()).toBe(1);
    expect((await expiries(store)).map((e) => e.data.effectiveUntil)).toEqual(['2026-05-17']);
  });

  it('records a renewal whose new end has passed too as its own expiry, keeping the earlier one', async () => {
    await publish(store, clock);
    clock.set(shanghaiMidnight('2026-12-01'));
    const s = await scheduler();
    await s.start();
    expect((await expiries(store)).map((e) => e.data.effectiveUntil)).toEqual(['2025-05-17']);
    // Renewed late: the new end has passed by the clock as well.
    await new ExtendDataListHandler(new PolicyWriter(store)).execute(new ExtendDataListCommand(LIST, { effectiveUntil: '2025-11-17' }, regulator));
    expect(await s.runOnce()).toBe(1);
    expect(await s.runOnce()).toBe(0);
    const recorded = await expiries(store);
    expect(recorded.map((e) => ({ id: e.id, until: e.data.effectiveUntil }))).toEqual([
      { id: expiryEventId(LIST, '2025-05-17'), until: '2025-05-17' },
      { id: expiryEventId(LIST, '2025-11-17'), until: '2025-11-17' },
    ]);
  });

  it('records nothing for a term end a renewal replaced before any pass saw it pass', async () => {
    await publish(store, clock);
    await new ExtendDataListHandler(new PolicyWriter(store)).execute(new ExtendDataListCommand(LIST, { effectiveUntil: '2025-11-17' }, regulator));
    clock.set(shanghaiMidnight('2026-12-01'));
    await (await scheduler()).start();
    expect((await expiries(store)).map((e) => e.data.effectiveUntil)).toEqual(['2025-11-17']);
  });

  it('follows a termination: expires at the early end', async () => {
    await publish(store, clock);
    await new TerminateDataListHandler(new PolicyWriter(store)).execute(new TerminateDataListCommand(LIST, { effectiveUntil: '2025-02-01' }, regulator));
    clock.set(shanghaiMidnight('2025-02-01'));
    await (await scheduler()).start();
    expect((await expiries(store)).map((e) => e.data.effectiveUntil)).toEqual(['2025-02-01']);
  });

  it('checks again every interval without being asked', async () => {
    await publish(store, clock);
    await (await scheduler(store, 20)).start();
    clock.set(shanghaiMidnight('2025-05-17'));
    let seen = 0;
    const watcher = store.subscribeToAll({ from: 'start' }, (event) => {
      if (event.type === 'DataListExpired') seen++;
    });
    try {
      await waitUntil(() => seen > 0, 'a periodic pass to record the expiry');
    } finally {
      await watcher.stop();
    }
    expect(await expiries(store)).toHaveLength(1);
  });
});
