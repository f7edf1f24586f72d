import { createHash, randomBytes } from 'node:crypto';
import type { Role } from '../common/terms.js';

/** A fresh API key: 32 random bytes, base64url (43 characters). */
export const newApiKey = (): string => randomBytes(32).toString('base64url');

/** What the ledger keeps of a key: its SHA-256 digest (the key itself is never stored or logged). */
export const apiKeyDigest = (key: string): Buffer => createHash('sha256').update(key, 'utf8').digest();

/**
 * The key's public name in logs, event metadata and `/v1/keys`: its role and a digest prefix,
 * `regulator-3fa9c2d1b0e4`. It names the key without revealing it.
 */
export const keyIdOf = (role: Role, digest: Buffer): string => `${role}-${digest.toString('hex').slice(0, 12)}`;
