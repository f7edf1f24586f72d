import { randomUUID } from 'node:crypto';
import { ValidationFailed } from '../../src/common/errors.js';
import { uuidv7 } from '../../src/common/ids.js';
import { verifyChains } from '../../src/event-store/chain-verification.js';
import {
  DuplicateEventIdError,
  StreamNotFoundError,
  WrongExpectedRevisionError,
  parsePosition,
  positionToString,
  type EventStore,
  type EventToAppend,
  type JsonObject,
  type Position,
  type RecordedEvent,
  type Subscription,
} from '../../src/event-store/event-store.port.js';
import { computeEventHash, GENESIS_HASH } from '../../src/event-store/hash-chain.js';
import { pause, waitUntil } from '../support/event-store/wait-until.js';

/**
 * What an adapter's test file provides to run the contract. The suite never assumes an empty
 * log: every test writes to streams with fresh random names and looks at the global log only
 * after the head it saw at its start, so it can run against a shared, long-lived server.
 */
export interface EventStoreHarness {
  /** A store ready for use (fresh or not). The suite closes it after each test. */
  open(): Promise<EventStore>;
  /**
   * Optional: another instance over the same storage as the last `open()`, which may still be
   * open (a second connection, or the same storage after a restart). Enables the tests of
   * durability across reopening and of concurrent writers on separate connections.
   */
  reopen?(): Promise<EventStore>;
  /** After the whole suite. */
  cleanup?(): Promise<void>;
  /** Milliseconds within which an append by another instance reaches a live subscription. Default 2000. */
  readonly liveDelayMs?: number;
}

const stream = (label: string): string => `${label}-${randomUUID().slice(0, 8)}`;
const event = (type = 'Happened', data: JsonObject = {}, metadata?: JsonObject): EventToAppend => ({ id: uuidv7(), type, data, metadata });
const events = (count: number, type = 'Happened'): EventToAppend[] => Array.from({ length: count }, (_, i) => event(type, { i }));

/** Events after `head` (exclusive) in the given streams, read from the global log. */
async function logAfter(store: EventStore, head: Position | undefined, streams: readonly string[]): Promise<RecordedEvent[]> {
  const all = await store.readAll({ fromPosition: head ?? 0n });
  return all.filter((e) => (head === undefined || e.position > head) && streams.includes(e.stream));
}

const isIncreasing = (values: readonly bigint[]): boolean => values.every((v, i) => i === 0 || v > values[i - 1]);

/** A subscription collecting the events of the given streams. */
function collect(store: EventStore, from: 'start' | { after: Position }, streams: readonly string[], onEvent?: (e: RecordedEvent) => Promise<void> | void) {
  const seen: RecordedEvent[] = [];
  const all: Position[] = [];
  const subscription: Subscription = store.subscribeToAll({ from }, async (e) => {
    all.push(e.position);
    if (!streams.includes(e.stream)) return;
    seen.push(e);
    await onEvent?.(e);
  });
  return { seen, all, subscription };
}

const unicodeText = '数据出境安全评估 — 个人信息保护 🇨🇳🔐 𠀀𠜎𩸽 👩‍👩‍👧‍👦 Ünïcödé ✓';

export function describeEventStoreContract(name: string, harness: EventStoreHarness): void {
  const withReopen = harness.reopen ? it : it.skip;
  const liveDelayMs = harness.liveDelayMs ?? 2000;

  describe(`event store contract: ${name}`, () => {
    let store: EventStore;
    const extra: EventStore[] = [];
    const subscriptions: Subscription[] = [];
    const track = <T extends { subscription: Subscription }>(collected: T): T => {
      subscriptions.push(collected.subscription);
      return collected;
    };

    beforeEach(async () => {
      store = await harness.open();
    });
    afterEach(async () => {
      await Promise.all(subscriptions.splice(0).map((s) => s.stop()));
      await Promise.all(extra.splice(0).map((s) => s.close()));
      await store.close();
    });
    afterAll(async () => {
      await harness.cleanup?.();
    });

    describe('expected revisions', () => {
      it('no-stream creates a stream once; a second no-stream append conflicts with the actual revision and writes nothing', async () => {
        const s = stream('no-stream');
        const first = await store.append(s, events(2), { expectedRevision: 'no-stream' });
        expect(first.nextExpectedRevision).toBe(1n);
        const conflict = store.append(s, [event()], { expectedRevision: 'no-stream' });
        await expect(conflict).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(conflict).rejects.toMatchObject({ stream: s, expected: 'no-stream', actual: 1n });
        expect(await store.readStream(s)).toHaveLength(2);
      });

      it('stream-exists fails on a missing stream (actual no-stream) and succeeds once it exists', async () => {
        const s = stream('exists');
        await expect(store.append(s, [event()], { expectedRevision: 'stream-exists' })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          actual: 'no-stream',
        });
        await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
        await store.append(s, [event()]);
        const result = await store.append(s, [event()], { expectedRevision: 'stream-exists' });
        expect(result.nextExpectedRevision).toBe(1n);
      });

      it('an exact revision must be the last one; a stale one conflicts and nothing of the batch is written', async () => {
        const s = stream('exact');
        await store.append(s, events(2));
        const ok = await store.append(s, [event()], { expectedRevision: 1n });
        expect(ok.nextExpectedRevision).toBe(2n);
        await expect(store.append(s, events(3), { expectedRevision: 1n })).rejects.toMatchObject({
          name: 'WrongExpectedRevisionError',
          expected: 1n,
          actual: 2n,
        });
        await expect(store.append(stream('exact-missing'), [event()], { expectedRevision: 0n })).rejects.toMatchObject({ actual: 'no-stream' });
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0n, 1n, 2n]);
      });

      it('any appends whatever the stream holds (and is the default)', async () => {
        const s = stream('any');
        await store.append(s, [event()], { expectedRevision: 'any' });
        const second = await store.append(s, [event()]);
        expect(second.nextExpectedRevision).toBe(1n);
      });
    });

    describe('idempotent appends by event id', () => {
      it('repeating an append with the same ids answers as the first time and stores nothing twice', async () => {
        const s = stream('repeat');
        const head = await store.headPosition();
        const batch = [event('A', { n: 1 }, { actor: 'x' }), event('B', { n: 2 })];
        const first = await store.append(s, batch, { expectedRevision: 'no-stream' });
        const again = await store.append(s, batch, { expectedRevision: 'no-stream' });
        expect(again).toEqual(first);
        const second = [event('C')];
        const atOne = await store.append(s, second, { expectedRevision: 1n });
        const later = await store.append(s, [event('D')]);
        // Still a repeat after the stream moved on: with the revision the first append expected,
        // and with any (the whole stream is where such a repeat may be).
        expect(await store.append(s, batch, { expectedRevision: 'no-stream' })).toEqual(first);
        expect(await store.append(s, second, { expectedRevision: 1n })).toEqual(atOne);
        expect(await store.append(s, batch)).toEqual(first);
        expect(await store.append(s, second, { expectedRevision: 'stream-exists' })).toEqual(atOne);
        const log = await logAfter(store, head, [s]);
        expect(log.map((e) => e.id)).toEqual([...batch.map((e) => e.id), second[0].id, later.events[0].id]);
      });

      it('a repeat is looked for where its first append put it: a stale exact revision past it fails as a conflict, never a second copy', async () => {
        const s = stream('repeat-where');
        const batch = events(2);
        await store.append(s, batch, { expectedRevision: 'no-stream' });
        await store.append(s, events(2));
        // Revision 2 is not where these ids are (0 and 1): not a repeat of them, and not written.
        await expect(store.append(s, batch, { expectedRevision: 2n })).rejects.toMatchObject({ name: 'WrongExpectedRevisionError', actual: 3n });
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n]);
      });

      it('a partial overlap with stored ids is refused with DuplicateEventIdError and writes nothing', async () => {
        const s = stream('overlap');
        const stored = events(2);
        await store.append(s, stored);
        const fresh = event();
        await expect(store.append(s, [stored[1], fresh])).rejects.toMatchObject({
          name: 'DuplicateEventIdError',
          stream: s,
          eventId: stored[1].id,
        });
        await expect(store.append(s, [fresh, stored[0]])).rejects.toBeInstanceOf(DuplicateEventIdError);
        // The same overlap where an exact-revision retry would find it.
        await expect(store.append(s, [stored[0], fresh], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(DuplicateEventIdError);
        expect((await store.readStream(s)).map((e) => e.id)).toEqual(stored.map((e) => e.id));
      });

      it('an id stored with other content is refused; one stored in another stream is never answered as a repeat of it', async () => {
        const a = stream('dup-a');
        const b = stream('dup-b');
        const stored = event('A', { v: 1 });
        await store.append(a, [stored]);
        await expect(store.append(a, [{ ...stored, data: { v: 2 } }])).rejects.toBeInstanceOf(DuplicateEventIdError);
        await expect(store.append(a, [{ ...stored, data: { v: 2 } }], { expectedRevision: 'no-stream' })).rejects.toBeInstanceOf(DuplicateEventIdError);
        // Ids are checked in the target stream only (the port's rule): an adapter may refuse an
        // id of another stream (SQLite's ids are one unique key) or store it, but never answers
        // with the other stream's event.
        const elsewhere = await store.append(b, [stored]).catch((error: unknown) => error);
        if (elsewhere instanceof DuplicateEventIdError) await expect(store.readStream(b)).rejects.toBeInstanceOf(StreamNotFoundError);
        else expect(elsewhere).toMatchObject({ nextExpectedRevision: 0n, events: [{ stream: b, revision: 0n, id: stored.id }] });
        expect(await store.readStream(a)).toHaveLength(1);
      });
    });

    describe('bad input', () => {
      const problems = (error: unknown) => (error as ValidationFailed).problems.map((p) => p.field);

      it('refuses reserved types, non-UUID and repeated ids, empty appends and non-object data, naming each field, and writes nothing', async () => {
        const s = stream('bad');
        const good = event();
        const error = await store
          .append(s, [good, { id: 'not-a-uuid', type: '$system', data: {} }, { ...event(), id: good.id }, { id: uuidv7(), type: 'T', data: [] as unknown as JsonObject }])
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(ValidationFailed);
        expect(problems(error)).toEqual(['events[1].id', 'events[1].type', 'events[2].id', 'events[3].data']);
        await expect(store.append(s, [])).rejects.toMatchObject({ problems: [{ field: 'events' }] });
        await expect(store.append(s, [event('T', { n: Number.NaN })])).rejects.toMatchObject({ problems: [{ field: 'events[0].data.n' }] });
        await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamNotFoundError);
      });
    });

    describe('ordering', () => {
      it('revisions count from 0 per stream and positions increase in commit order across streams', async () => {
        const [a, b, c] = [stream('order-a'), stream('order-b'), stream('order-c')];
        const head = await store.headPosition();
        const results = [];
        for (const [s, n] of [[a, 2], [b, 1], [a, 1], [c, 3], [b, 2]] as const) results.push(await store.append(s, events(n)));
        const appended = results.flatMap((r) => r.events);
        expect(isIncreasing(appended.map((e) => e.position))).toBe(true);
        expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 0n, 2n, 2n, 2n]);
        const log = await logAfter(store, head, [a, b, c]);
        expect(log.map((e) => e.id)).toEqual(appended.map((e) => e.id));
        expect(log.map((e) => `${e.stream}@${e.revision}`)).toEqual(appended.map((e) => `${e.stream}@${e.revision}`));
        for (const e of log) {
          expect(typeof e.position).toBe('bigint');
          expect(e.recordedAt).toBeInstanceOf(Date);
        }
        expect(await store.headPosition()).toBeGreaterThanOrEqual(results[4].position);
      });
    });

    describe('reading', () => {
      let s: string;
      beforeEach(async () => {
        s = stream('read');
        await store.append(s, events(3));
        await store.append(s, events(2));
      });

      it('reads a stream forwards, from a revision, with a maximum count', async () => {
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
        expect((await store.readStream(s, { fromRevision: 2n, maxCount: 2 })).map((e) => e.revision)).toEqual([2n, 3n]);
        expect(await store.readStream(s, { fromRevision: 5n })).toEqual([]);
      });

      it('reads a stream backwards, from the end or from a revision', async () => {
        expect((await store.readStream(s, { direction: 'backwards' })).map((e) => e.revision)).toEqual([4n, 3n, 2n, 1n, 0n]);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 3n, maxCount: 2 })).map((e) => e.revision)).toEqual([3n, 2n]);
        expect((await store.readStream(s, { direction: 'backwards', maxCount: 1 }))[0].data).toEqual({ i: 1 });
      });

      it('throws StreamNotFoundError naming a stream that has no events', async () => {
        const missing = stream('missing');
        await expect(store.readStream(missing)).rejects.toMatchObject({ name: 'StreamNotFoundError', stream: missing });
      });

      it('reads the global log from a position, inclusive, up to a maximum count', async () => {
        const mine = await store.readStream(s);
        const from = mine[2].position;
        const page = await store.readAll({ fromPosition: from, maxCount: 2 });
        expect(page.map((e) => e.id)).toEqual([mine[2].id, mine[3].id]);
      });

      it('reads nothing past the head; a position between two events is refused naming fromPosition where the log has a gap there', async () => {
        const [first, second] = await store.readStream(s);
        expect(await store.readAll({ fromPosition: (await store.headPosition())! + 1_000_000n })).toEqual([]);
        const between = first.position + 1n;
        if (between < second.position) {
          await expect(store.readAll({ fromPosition: between })).rejects.toMatchObject({ name: 'ValidationFailed', problems: [{ field: 'fromPosition' }] });
        } else {
          // Contiguous positions (SQLite): the next position is the next event's.
          expect((await store.readAll({ fromPosition: between, maxCount: 1 }))[0].id).toBe(second.id);
        }
      });

      it('gives positions as bigint that round-trip through their decimal form', async () => {
        const [, second] = await store.readStream(s);
        const text = positionToString(second.position);
        expect(text).toMatch(/^[0-9]+$/);
        expect(parsePosition(text)).toBe(second.position);
        const [again] = await store.readAll({ fromPosition: parsePosition(text), maxCount: 1 });
        expect(again.id).toBe(second.id);
      });
    });

    describe('payloads', () => {
      it('round-trips large (≥ 1 MB) and unicode payloads exactly, on append and on every read', async () => {
        const s = stream('payload');
        const big = unicodeText.repeat(Math.ceil(1_200_000 / unicodeText.length));
        const data: JsonObject = {
          big,
          '键 🔑': { nested: [unicodeText, '\u{1F600}', '\uD83D\uDE00', 'line\nbreak "quoted" \\ tab\t'] },
          numbers: [0, 1.5, -42, 1e21, 123456789.123],
          flags: [true, false, null],
          empty: {},
        };
        const metadata: JsonObject = { actor: { role: 'regulator', keyId: 'k-数据' }, note: '🧾' };
        const result = await store.append(s, [event('Large', data, metadata)]);
        expect(Buffer.byteLength(JSON.stringify(data), 'utf8')).toBeGreaterThan(1_000_000);
        const [read] = await store.readStream(s);
        const [fromLog] = await store.readAll({ fromPosition: result.position, maxCount: 1 });
        for (const e of [result.events[0], read, fromLog]) {
          expect(e.data).toEqual(data);
          expect(e.metadata).toEqual(metadata);
          expect((e.data.big as string).length).toBe(big.length);
        }
        expect(read.hash).toBe(computeEventHash({ ...read, previousHash: GENESIS_HASH }));
      });
    });

    describe('hash chain', () => {
      it('chains each event to its predecessor within the stream, across appends, and the log verifies', async () => {
        const s = stream('chain');
        await store.append(s, events(2));
        await store.append(stream('chain-other'), events(1));
        await store.append(s, [event('Later', { x: '数据' }, { actor: 'a' })]);
        const recorded = await store.readStream(s);
        let previousHash = GENESIS_HASH;
        for (const e of recorded) {
          expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(e.hash).toBe(computeEventHash({ ...e, previousHash }));
          previousHash = e.hash;
        }
        const verification = await verifyChains(store);
        expect(verification).toMatchObject({ ok: true });
        expect(verification.firstProblem).toBeUndefined();
        expect(verification.eventsChecked).toBeGreaterThanOrEqual(4);
        expect(verification.headPosition).toBe(await store.headPosition());
      });
    });

    describe('subscriptions to the global log', () => {
      it('from the start: catches up, then goes live, with appends during catch-up, no gap and no duplicate', async () => {
        const [a, b] = [stream('sub-a'), stream('sub-b')];
        const expected: RecordedEvent[] = [];
        for (let i = 0; i < 6; i++) expected.push(...(await store.append(a, events(100))).events);
        let appendedDuringCatchUp = false;
        const { seen, all, subscription } = track(
          collect(store, 'start', [a, b], async (e) => {
            // Mid catch-up (the 10th of 600 stored events), another writer appends.
            if (e.stream === a && e.revision === 9n) {
              expected.push(...(await store.append(b, events(50))).events);
              appendedDuringCatchUp = true;
            }
          }),
        );
        await subscription.caughtUp;
        expect(appendedDuringCatchUp).toBe(true);
        // Live: concurrent appends to both streams.
        const live = await Promise.all([store.append(a, events(30)), store.append(b, events(20)), store.append(a, events(1))]);
        expected.push(...live.flatMap((r) => r.events));
        expected.sort((x, y) => (x.position < y.position ? -1 : 1));
        await waitUntil(() => seen.length >= expected.length, `${expected.length} events delivered`);
        await pause(50);
        expect(seen.map((e) => e.id)).toEqual(expected.map((e) => e.id));
        expect(isIncreasing(all)).toBe(true);
        expect(subscription.lastPosition()).toBe(all[all.length - 1]);
        expect(seen[seen.length - 1]).toEqual(expected[expected.length - 1]);
      });

      it('from a checkpoint: delivers strictly after it', async () => {
        const s = stream('checkpoint');
        const { events: stored } = await store.append(s, events(5));
        const { seen, subscription } = track(collect(store, { after: stored[1].position }, [s]));
        await subscription.caughtUp;
        await waitUntil(() => seen.length >= 3, 'three events after the checkpoint');
        // One more, live: a redelivery of the first three would show up before it.
        const { events: later } = await store.append(s, [event()]);
        // lastPosition() moves once the handler has returned.
        await waitUntil(() => (subscription.lastPosition() ?? 0n) >= later[0].position, 'the live event');
        expect(seen.map((e) => e.id)).toEqual([...stored.slice(2), ...later].map((e) => e.id));
      });

      it('stop: resolves when delivery has ended; later appends are not delivered', async () => {
        const s = stream('stop');
        await store.append(s, events(2));
        const { seen, subscription } = collect(store, 'start', [s]);
        await subscription.caughtUp;
        await waitUntil(() => seen.length === 2, 'the two stored events');
        await subscription.stop();
        await expect(subscription.ended).resolves.toBeUndefined();
        const checkpoint = subscription.lastPosition()!;
        await store.append(s, events(1));
        // A fresh subscription from the same checkpoint sees the new event; the stopped one must not.
        const witness = track(collect(store, { after: checkpoint }, [s]));
        await waitUntil(() => witness.seen.length === 1, 'the witness to see the new event');
        await pause(300);
        expect(seen).toHaveLength(2);
      });

      it('a handler error stops the subscription and rejects caughtUp', async () => {
        const s = stream('failing');
        await store.append(s, events(3));
        let calls = 0;
        const subscription = store.subscribeToAll({ from: 'start' }, (e) => {
          if (e.stream !== s) return;
          calls++;
          throw new Error('projection failed');
        });
        subscriptions.push(subscription);
        await expect(subscription.caughtUp).rejects.toThrow('projection failed');
        await expect(subscription.ended).rejects.toThrow('projection failed');
        await store.append(s, events(1));
        await pause(300);
        expect(calls).toBe(1);
      });

      withReopen('delivers live what another instance appends to the same storage', async () => {
        const other = await harness.reopen!();
        extra.push(other);
        const s = stream('cross');
        const { seen, subscription } = track(collect(store, 'start', [s]));
        await subscription.caughtUp;
        const { events: appended } = await other.append(s, events(3));
        await waitUntil(() => seen.length === 3, 'events appended by the other instance', liveDelayMs + 10_000);
        expect(seen.map((e) => e.id)).toEqual(appended.map((e) => e.id));
      });
    });

    describe('concurrent appenders', () => {
      it('with the same expected revision, exactly one of many concurrent appends wins', async () => {
        const s = stream('race');
        await store.append(s, [event()]);
        const outcomes = await Promise.allSettled(Array.from({ length: 8 }, () => store.append(s, events(2), { expectedRevision: 0n })));
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.flatMap((o) => (o.status === 'rejected' ? [o.reason] : []));
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const reason of lost) expect(reason).toMatchObject({ name: 'WrongExpectedRevisionError', actual: 2n });
        expect(await store.readStream(s)).toHaveLength(3);
      });

      it('appends made together (one turn of the event loop) are each judged alone: a wrong revision, a duplicate id or a repeat fails or answers only its own caller', async () => {
        const [good, stale, dup, repeated, fresh] = ['good', 'stale', 'dup', 'repeated', 'fresh'].map(stream);
        const head = await store.headPosition();
        await store.append(stale, [event()]);
        const stored = event('Stored', { v: 1 });
        await store.append(dup, [stored]);
        const first = await store.append(repeated, [event('R', { r: 1 })], { expectedRevision: 'no-stream' });
        const repeatedEvent = first.events[0];
        // No await in between: on SQLite these share one transaction (group commit).
        const outcomes = await Promise.allSettled([
          store.append(good, events(2), { expectedRevision: 'no-stream' }),
          store.append(stale, [event()], { expectedRevision: 5n }),
          store.append(dup, [{ ...stored, data: { v: 2 } }]),
          store.append(repeated, [{ id: repeatedEvent.id, type: 'R', data: { r: 1 } }], { expectedRevision: 'no-stream' }),
          store.append(fresh, [event()], { expectedRevision: 'no-stream' }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled', 'fulfilled']);
        expect((outcomes[1] as PromiseRejectedResult).reason).toMatchObject({ name: 'WrongExpectedRevisionError', stream: stale, actual: 0n });
        expect((outcomes[2] as PromiseRejectedResult).reason).toMatchObject({ name: 'DuplicateEventIdError', eventId: stored.id });
        expect((outcomes[3] as PromiseFulfilledResult<unknown>).value).toEqual(first);
        const log = await logAfter(store, head, [good, stale, dup, repeated, fresh]);
        // Concurrent appends may commit in any order (SQLite keeps the order they were made in).
        expect(log.map((e) => `${e.stream}@${e.revision}`).sort()).toEqual([`${stale}@0`, `${dup}@0`, `${repeated}@0`, `${good}@0`, `${good}@1`, `${fresh}@0`].sort());
        expect((await verifyChains(store)).ok).toBe(true);
      });

      withReopen('two instances over the same storage: exactly one wins each round, and the chain verifies', async () => {
        const other = await harness.reopen!();
        extra.push(other);
        const s = stream('race-two');
        await store.append(s, [event()]);
        for (let round = 0n; round < 5n; round++) {
          const outcomes = await Promise.allSettled([
            store.append(s, [event()], { expectedRevision: round }),
            other.append(s, [event()], { expectedRevision: round }),
          ]);
          expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
        }
        expect((await other.readStream(s)).map((e) => e.revision)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        expect((await verifyChains(other)).ok).toBe(true);
      });
    });

    describe('durability', () => {
      withReopen('everything appended is there after closing and reopening, and the chain verifies', async () => {
        const s = stream('durable');
        const { events: stored } = await store.append(s, [event('A', { text: unicodeText })]);
        await store.close();
        store = await harness.reopen!();
        expect(await store.readStream(s)).toEqual(stored);
        expect((await verifyChains(store)).ok).toBe(true);
      });
    });
  });
}
