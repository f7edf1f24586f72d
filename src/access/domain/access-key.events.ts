import type { IssuableRole, Role } from '../../common/terms.js';

/**
 * The events of one access key (docs/api.md §12), in its own stream `access-key-<keyId>`. They
 * hold the key's SHA-256 digest (hex), never the key: the log is the audit trail of who may call
 * the ledger, and every instance sharing the store learns access changes from it.
 */

/** A key issued over the API (`POST /v1/keys`). */
export interface AccessKeyIssued {
  readonly type: 'AccessKeyIssued';
  readonly data: {
    readonly keyId: string;
    readonly digest: string;
    readonly role: IssuableRole;
    /** Service keys only: the one company the key acts for. */
    readonly companyId?: string;
    readonly label?: string;
  };
}

/**
 * A key revoked (`DELETE /v1/keys/{keyId}`): an issued one, or one configured in
 * `LEDGER_API_KEYS` or the generated key file, which then stays refused across restarts.
 */
export interface AccessKeyRevoked {
  readonly type: 'AccessKeyRevoked';
  readonly data: {
    readonly keyId: string;
    readonly digest: string;
    readonly role: Role;
    readonly companyId?: string;
  };
}

export type AccessKeyEvent = AccessKeyIssued | AccessKeyRevoked;

const STREAM_PREFIX = 'access-key-';

/** The stream of one access key. */
export const accessKeyStream = (keyId: string): string => `${STREAM_PREFIX}${keyId}`;

/** Whether a recorded event belongs to an access key's stream. */
export const isAccessKeyStream = (stream: string): boolean => stream.startsWith(STREAM_PREFIX);
