import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, POSITION_PATTERN, type EventStore } from '../event-store/event-store.port.js';
import { ValidationFailed } from '../shared/errors.js';
import { instantToEpochMs, isInstant } from '../shared/time.js';
import { RecordedAtIndex } from './recorded-at.index.js';

/** Query parameters naming a knowledge cut (docs/api.md "Knowledge cuts"): at most one of them. */
export interface CutQuery {
  readonly position?: string;
  readonly knownAt?: string;
}

interface Waiter {
  readonly position: bigint;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * `?knownAt=2025-01-01T00:00:00+08:00` sent without percent-encoding arrives with the `+` decoded
 * as a space (form encoding). An ISO instant has no other place for a space, so put the `+` back
 * rather than refuse a question whose meaning is unambiguous.
 */
const restorePlusOffset = (instant: string): string => instant.replace(/ (\d{2}:\d{2})$/, '+$1');

/**
 * The one place a `knownAt` or `position` becomes a ledger position (docs/design.md "Reading:
 * the knowledge cut"), for every slice. It also knows how far the read model has read the log:
 * the projection runner reports each event it applied ({@link advance}), so a cut is only
 * answered once the read model holds everything up to it (read-your-writes after a POST).
 */
@Injectable()
export class KnowledgeCuts {
  private readonly recordedAt = new RecordedAtIndex();
  private reachedPosition = 0n;
  private waiters: Waiter[] = [];
  private failure?: Error;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The position of the last event the read model applied (0n before the first). */
  get reached(): bigint {
    return this.reachedPosition;
  }

  /** The read model applied the event at `position`, recorded at `recordedAt` (called in log order). */
  advance(position: bigint, recordedAt: Date): void {
    this.recordedAt.add(position, recordedAt);
    this.reachedPosition = position;
    if (this.waiters.length === 0) return;
    const ready = this.waiters.filter((w) => w.position <= position);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.position > position);
    for (const waiter of ready) waiter.resolve();
  }

  /** The read model stopped: every wait, now and later, fails with this error. */
  fail(error: Error): void {
    this.failure ??= error;
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter.reject(this.failure);
  }

  /** Resolves once the read model has applied every event up to `position`. */
  waitFor(position: bigint): Promise<void> {
    if (this.reachedPosition >= position) return Promise.resolve();
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => this.waiters.push({ position, resolve, reject }));
  }

  /** Waits until the read model has applied every event up to the store's head as of this call; returns that head (0n for an empty log). */
  async catchUp(): Promise<bigint> {
    const head = (await this.store.headPosition()) ?? 0n;
    await this.waitFor(head);
    return head;
  }

  /**
   * The position of the last event the read model applied at or before `position` (0n when
   * none): always a position a read of the log may start from, whatever `position` a user gave.
   */
  eventAtOrBefore(position: bigint): bigint {
    return this.recordedAt.positionAtOrBefore(position);
  }

  /** The last position recorded at or before the instant (epoch ms), 0n when none. */
  positionKnownAt(instantMs: number): bigint {
    return this.recordedAt.positionAt(instantMs);
  }

  /**
   * A knowledge cut from query parameters: `position` (decimal; beyond the head → ValidationFailed
   * on `position`), or `knownAt` (ISO instant with offset → the last position recorded at or
   * before it, 0n if none), or the head. Both given → ValidationFailed. Waits for catch-up.
   */
  async resolve(query: CutQuery): Promise<bigint> {
    const { position } = query;
    const knownAt = query.knownAt === undefined ? undefined : restorePlusOffset(query.knownAt);
    if (position !== undefined && knownAt !== undefined) {
      throw new ValidationFailed([
        { field: 'position', reason: 'must not be given together with knownAt (give one knowledge cut)' },
        { field: 'knownAt', reason: 'must not be given together with position (give one knowledge cut)' },
      ]);
    }
    if (position !== undefined && !POSITION_PATTERN.test(position)) throw ValidationFailed.of('position', 'must be a ledger position (a decimal integer)');
    if (knownAt !== undefined && !isInstant(knownAt)) throw ValidationFailed.of('knownAt', 'must be an ISO 8601 instant with an offset (e.g. 2025-05-16T17:30:00+08:00)');
    const head = await this.catchUp();
    if (position !== undefined) {
      const cut = BigInt(position);
      if (cut > head) throw ValidationFailed.of('position', `is beyond the ledger head (${head})`);
      return cut;
    }
    if (knownAt !== undefined) return this.positionKnownAt(instantToEpochMs(knownAt));
    return head;
  }
}
