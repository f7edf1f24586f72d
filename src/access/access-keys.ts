import { Inject, Injectable, Optional, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { ProvisionedKeys } from '../auth/api-key.provisioning.js';
import { apiKeyDigest } from '../auth/api-key.secret.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Principal } from '../auth/principal.js';
import {
  EVENT_STORE,
  EventStoreUnavailableError,
  StreamNotFoundError,
  type EventStore,
  type RecordedEvent,
  type Subscription,
} from '../event-store/event-store.port.js';
import { LogWatermark } from '../event-store/log-watermark.js';
import { JsonLogger } from '../logging/json.logger.js';
import { KeptEvents } from '../snapshot/kept-events.js';
import { ProjectionSnapshots } from '../snapshot/projection-snapshots.js';
import type { ConfiguredKey } from './domain/access-key.decider.js';
import { accessKeyStream, isAccessKeyStream } from './domain/access-key.events.js';
import { KeyRing, type KeyRecord } from './key-ring.js';

/** DI token of the keys the configuration provides (src/auth/api-key.provisioning.ts). */
export const PROVISIONED_KEYS = Symbol('PROVISIONED_KEYS');

/** The access keys' part of the projection snapshot (docs/design.md "Snapshots"). */
export const ACCESS_KEYS_SNAPSHOT_PART = 'access-keys';

/** How long an authentication waits for this instance to learn the log before answering 503. */
const CATCH_UP_TIMEOUT_MS = 10_000;

/**
 * The keys this instance accepts (docs/api.md §12): the configured ones, and every key issued or
 * revoked in the log, learnt from one subscription to the global log, so that keys issued and
 * revoked on any instance sharing the store take effect on this one without a restart.
 *
 * A subscription is a little behind the log, so an authentication does not trust it alone:
 * - a key the ring matches, and has not seen revoked, is accepted on the ring's word only when the
 *   ring has learnt the log up to the store's head as read after the request arrived (one read
 *   shared by the authentications of one turn of the event loop); otherwise it is checked against
 *   the last event of its own stream. Either way a revocation answered on any instance before this
 *   request is seen;
 * - a key the ring does not know may have been issued elsewhere a moment ago: the ring first
 *   learns the log up to its head as of now, then looks again.
 */
@Injectable()
export class AccessKeys implements Authenticator, OnModuleInit, OnModuleDestroy {
  private readonly ring: KeyRing;
  private readonly watermark = new LogWatermark();
  private subscription?: Subscription;
  private closing = false;
  /** Whether an access key event could not be applied to the ring: then the ring never answers for the log alone. */
  private unreadableSeen = false;
  /** The highest head {@link headNow} read. */
  private headSeen = 0n;
  /** The head read the authentications of this turn share ({@link headNow}). */
  private headRead?: Promise<bigint>;
  /** The access key events, kept for the projection snapshot, from which a start restores the ring instead of reading the whole log. */
  private readonly kept = new KeptEvents();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PROVISIONED_KEYS) provisioned: ProvisionedKeys,
    private readonly logger: JsonLogger,
    @Optional() private readonly snapshots?: ProjectionSnapshots,
  ) {
    this.ring = new KeyRing(provisioned.keys, provisioned.source === 'configured' ? 'configured' : 'generated');
  }

  onModuleInit(): void {
    this.snapshots?.register({ name: ACCESS_KEYS_SNAPSHOT_PART, capture: () => this.kept.capture() });
    this.start().catch((error: unknown) => this.stopped(error));
  }

  /** Learns the log from the start, or from the snapshot's access key events and then after its position. */
  private async start(): Promise<void> {
    const part = await this.snapshots?.restore(ACCESS_KEYS_SNAPSHOT_PART).catch(() => undefined);
    if (this.closing) return;
    if (part) for (const event of this.kept.restore(part)) this.apply(event);
    if (part) this.watermark.advance(part.at.position);
    this.subscription = this.store.subscribeToAll(part ? { from: { after: part.at.position } } : { from: 'start' }, (event) => this.learn(event));
    this.subscription.caughtUp.catch((error: unknown) => this.stopped(error));
  }

  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    await this.subscription?.stop();
    this.subscription = undefined;
    this.watermark.fail(new Error('the access keys are stopped (shutting down)'));
  }

  async authenticate(presented: string): Promise<Principal | undefined> {
    const digest = apiKeyDigest(presented);
    let known = this.ring.match(digest);
    if (!known) {
      await this.catchUp();
      known = this.ring.match(digest);
    }
    if (!known || known.record.revoked) return undefined;
    return (await this.revokedByNow(known.record.keyId)) ? undefined : known.principal;
  }

  /**
   * Whether the key is revoked in the log as of a head read after the call: the ring's answer when
   * it has learnt the log that far (nothing of the log is missing from it), else the key's stream.
   */
  private async revokedByNow(keyId: string): Promise<boolean> {
    // Behind a head read before, the ring is most likely behind still (a busy log on EventStoreDB,
    // where a head read is a read of its own): then the stream answers alone, one read, not two.
    if (!this.unreadableSeen && this.watermark.reached >= this.headSeen) {
      const head = await this.headNow();
      if (this.watermark.reached >= head) return this.ring.get(keyId)?.revoked !== undefined;
    }
    return this.revokedInLog(keyId);
  }

  /**
   * The store's head, read once for the calls of one turn of the event loop: the read starts after
   * every call that joins it was made, so the head it gives is one each of them may rely on.
   */
  private headNow(): Promise<bigint> {
    this.headRead ??= new Promise<void>((resolve) => process.nextTick(resolve)).then(() => {
      this.headRead = undefined;
      return this.store.headPosition().then((head = 0n) => {
        if (head > this.headSeen) this.headSeen = head;
        return head;
      });
    });
    return this.headRead;
  }

  recognise(presented: string): Principal | undefined {
    const known = this.ring.match(apiKeyDigest(presented));
    return known && !known.record.revoked ? known.principal : undefined;
  }

  /** Waits until this instance has learnt every access change recorded before the call (bounded: 503 after 10 s). */
  async catchUp(): Promise<void> {
    const head = (await this.store.headPosition()) ?? 0n;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new EventStoreUnavailableError(`the access keys did not reach the log head ${head} within ${CATCH_UP_TIMEOUT_MS} ms`)), CATCH_UP_TIMEOUT_MS);
    });
    await Promise.race([this.watermark.waitFor(head), timeout]).finally(() => clearTimeout(timer));
  }

  /** Resolves once the event at `position` (an issuance or revocation just appended) is applied here. */
  applied(position: bigint): Promise<void> {
    return this.watermark.waitFor(position);
  }

  /** Every key this instance knows, as known now (call {@link catchUp} first). */
  list(): KeyRecord[] {
    return this.ring.list();
  }

  get(keyId: string): KeyRecord | undefined {
    return this.ring.get(keyId);
  }

  /** A configured key by its id (undefined for issued and unknown ids). */
  configured(keyId: string): ConfiguredKey | undefined {
    return this.ring.configured(keyId);
  }

  private async revokedInLog(keyId: string): Promise<boolean> {
    try {
      const [last] = await this.store.readStream(accessKeyStream(keyId), { direction: 'backwards', maxCount: 1 });
      return last?.type === 'AccessKeyRevoked';
    } catch (error) {
      if (error instanceof StreamNotFoundError) return false; // a configured key never revoked
      throw error;
    }
  }

  private learn(event: RecordedEvent): void {
    const keyEvent = isAccessKeyStream(event.stream);
    if (keyEvent) this.apply(event);
    this.kept.note(event, keyEvent);
    this.watermark.advance(event.position);
  }

  private apply(event: RecordedEvent): void {
    try {
      this.ring.apply(event);
    } catch (error) {
      // Not fatal to access: from now on an authentication checks the key's own stream for a revocation.
      this.unreadableSeen = true;
      this.logger.write('error', 'access', `access key event ${event.id} at ${event.position} is unreadable: ${(error as Error).message}`);
    }
  }

  private stopped(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    if (this.closing) return;
    this.logger.write('error', 'access', `the access keys stopped following the log: ${failure.message}`, { stack: failure.stack });
    this.watermark.fail(failure);
  }
}
