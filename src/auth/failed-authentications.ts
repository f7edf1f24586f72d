import { Injectable } from '@nestjs/common';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  normalizeIp,
  ThrottlerException,
  type ThrottlerModuleOptions,
  type ThrottlerOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { AuthFailureLimit } from '../config/ledger-config.js';

/** The name of the one throttler of the ledger: it counts failed authentications only. */
export const AUTH_FAILURES = 'auth-failures';

/** The `@nestjs/throttler` options for {@link FailedAuthentications}: `limit` per window, then blocked for the window. */
export const authFailureThrottler = ({ limit, windowSeconds }: AuthFailureLimit): ThrottlerModuleOptions => ({
  throttlers: [{ name: AUTH_FAILURES, limit, ttl: windowSeconds * 1000, blockDuration: windowSeconds * 1000 }],
});

/** 429: the client address is blocked; `retryAfterSeconds` goes into `Retry-After`. */
export class TooManyFailedAuthentications extends ThrottlerException {
  constructor(readonly retryAfterSeconds: number) {
    super(`too many failed authentications from this address; retry after ${retryAfterSeconds} s`);
  }
}

/**
 * Failed authentications per client address (docs/api.md §3), counted in `@nestjs/throttler`'s
 * storage: up to `limit` in a window answer 401, the next one blocks the address for the window.
 * While it is blocked, every request from it that needs a key answers 429 without its key being
 * looked at: were a right key let through, a blocked guesser would still learn which guess was
 * right. Requests that authenticate are never counted, so a busy client is never throttled.
 * Addresses are the TCP peer's (`X-Forwarded-For` is not trusted: anyone can write it); IPv6
 * addresses count per /64, as one host usually holds the whole prefix. In memory, per instance.
 */
@Injectable()
export class FailedAuthentications {
  private readonly throttler: { readonly limit: number; readonly ttl: number; readonly blockDuration: number };
  /** Blocked trackers and when their block ends (epoch ms), learnt from the storage's answers. */
  private readonly blockedUntil = new Map<string, number>();

  constructor(
    @InjectThrottlerStorage() private readonly storage: ThrottlerStorage,
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
  ) {
    const throttlers: readonly ThrottlerOptions[] = Array.isArray(options) ? options : options.throttlers;
    const { limit, ttl, blockDuration } = throttlers.find((t) => t.name === AUTH_FAILURES) ?? {};
    if (typeof limit !== 'number' || typeof ttl !== 'number' || typeof blockDuration !== 'number') {
      throw new Error(`the ${AUTH_FAILURES} throttler needs numeric limit, ttl and blockDuration`);
    }
    this.throttler = { limit, ttl, blockDuration };
  }

  /** Throws {@link TooManyFailedAuthentications} while the address is blocked. */
  assertNotBlocked(address: string | undefined): void {
    const tracker = trackerOf(address);
    const until = this.blockedUntil.get(tracker);
    if (until === undefined) return;
    const left = until - Date.now();
    if (left <= 0) this.blockedUntil.delete(tracker);
    else throw new TooManyFailedAuthentications(Math.ceil(left / 1000));
  }

  /** Counts a failed authentication; throws {@link TooManyFailedAuthentications} when it is one too many. */
  async record(address: string | undefined): Promise<void> {
    const tracker = trackerOf(address);
    const { limit, ttl, blockDuration } = this.throttler;
    const { isBlocked, timeToBlockExpire } = await this.storage.increment(`${AUTH_FAILURES}:${tracker}`, ttl, limit, blockDuration, AUTH_FAILURES);
    if (!isBlocked) return;
    const seconds = Math.max(1, timeToBlockExpire);
    this.forgetEndedBlocks();
    this.blockedUntil.set(tracker, Date.now() + seconds * 1000);
    throw new TooManyFailedAuthentications(seconds);
  }

  private forgetEndedBlocks(): void {
    const now = Date.now();
    for (const [tracker, until] of this.blockedUntil) if (until <= now) this.blockedUntil.delete(tracker);
  }
}

const trackerOf = (address: string | undefined): string => (address ? normalizeIp(address) : 'unknown');
