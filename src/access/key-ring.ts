import { timingSafeEqual } from 'node:crypto';
import { apiKeyDigest, keyIdOf } from '../auth/api-key.secret.js';
import type { Principal } from '../auth/principal.js';
import type { ApiKeyConfig } from '../config/ledger-config.js';
import type { RecordedEvent } from '../event-store/event-store.port.js';
import type { ConfiguredKey } from './domain/access-key.decider.js';
import type { AccessKeyIssued, AccessKeyRevoked } from './domain/access-key.events.js';

/** Where a key comes from: `LEDGER_API_KEYS`, the generated key file (or in-memory keys), or `POST /v1/keys`. */
export type KeySource = 'configured' | 'generated' | 'issued';

/** An access change as the log recorded it. */
export interface KeyChange {
  readonly at: Date;
  /** The key id of the admin key that made it. */
  readonly by: string | null;
  readonly eventId: string;
  readonly position: bigint;
}

/** What the ledger knows of one key, never the key itself (docs/api.md §12 `GET /v1/keys`). */
export interface KeyRecord {
  readonly keyId: string;
  readonly role: Principal['role'];
  readonly companyId?: string;
  readonly label?: string;
  readonly source: KeySource;
  readonly issued?: KeyChange;
  readonly revoked?: KeyChange;
}

interface Entry {
  readonly digest: Buffer;
  readonly principal: Principal;
  record: KeyRecord;
}

/** The access change an event of a key's stream records: when, by which admin key, where in the log. */
export const changeOf = (event: RecordedEvent): KeyChange => {
  const actor = event.metadata.actor as { keyId?: unknown } | undefined;
  return { at: event.recordedAt, by: typeof actor?.keyId === 'string' ? actor.keyId : null, eventId: event.id, position: event.position };
};

/**
 * The keys an instance knows, held as SHA-256 digests: the configured ones, and those issued and
 * revoked in the log (applied in log order). A presented key is hashed and compared with every
 * known digest in constant time: equal-length digests make `timingSafeEqual` applicable, and
 * visiting every entry keeps the time independent of which key (if any) matched. Comparing
 * digests is comparing keys exactly: no trimming, no normalisation.
 */
export class KeyRing {
  private readonly entries: Entry[] = [];
  private readonly byKeyId = new Map<string, Entry>();

  constructor(configured: readonly ApiKeyConfig[], source: Exclude<KeySource, 'issued'>) {
    for (const { key, role, companyId } of configured) {
      const digest = apiKeyDigest(key);
      this.add(digest, { keyId: keyIdOf(role, digest), role, ...(companyId !== undefined ? { companyId } : {}), source });
    }
  }

  /** The entry whose digest is `digest`, revoked or not. */
  match(digest: Buffer): { readonly principal: Principal; readonly record: KeyRecord } | undefined {
    let found: Entry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, digest)) found = entry;
    }
    return found;
  }

  get(keyId: string): KeyRecord | undefined {
    return this.byKeyId.get(keyId)?.record;
  }

  /** A configured key by its id, as the revocation decider needs it. */
  configured(keyId: string): ConfiguredKey | undefined {
    const entry = this.byKeyId.get(keyId);
    if (!entry || entry.record.source === 'issued') return undefined;
    const { role, companyId } = entry.record;
    return { keyId, digest: entry.digest.toString('hex'), role, ...(companyId !== undefined ? { companyId } : {}) };
  }

  /** Every key, configured ones first, then issued ones in issuance order. */
  list(): KeyRecord[] {
    return this.entries.map((entry) => entry.record);
  }

  /** Applies an event of an access key's stream (`AccessKeyIssued`, `AccessKeyRevoked`). */
  apply(event: RecordedEvent): void {
    if (event.type === 'AccessKeyIssued') {
      const { keyId, digest, role, companyId, label } = event.data as unknown as AccessKeyIssued['data'];
      if (this.byKeyId.has(keyId)) return;
      this.add(Buffer.from(digest, 'hex'), {
        keyId,
        role,
        ...(companyId !== undefined ? { companyId } : {}),
        ...(label !== undefined ? { label } : {}),
        source: 'issued',
        issued: changeOf(event),
      });
    } else if (event.type === 'AccessKeyRevoked') {
      const { keyId, digest, role, companyId } = event.data as unknown as AccessKeyRevoked['data'];
      const entry = this.byKeyId.get(keyId);
      // A key configured on another instance only: this one cannot be called with it, but lists it as revoked.
      if (!entry) this.add(Buffer.from(digest, 'hex'), { keyId, role, ...(companyId !== undefined ? { companyId } : {}), source: 'configured', revoked: changeOf(event) });
      else if (!entry.record.revoked) entry.record = { ...entry.record, revoked: changeOf(event) };
    }
  }

  private add(digest: Buffer, record: KeyRecord): void {
    if (digest.length !== 32) throw new Error(`access key ${record.keyId} has no SHA-256 digest`);
    const { keyId, role, companyId } = record;
    const entry: Entry = { digest, principal: { role, keyId, ...(companyId !== undefined ? { companyId } : {}) }, record };
    this.entries.push(entry);
    this.byKeyId.set(keyId, entry);
  }
}
