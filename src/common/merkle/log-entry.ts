import { HASH_BYTES } from './merkle-hash.js';

/**
 * The entry of an event's leaf in the log's tree (docs/api.md §9 "Sealed log"): the 32 bytes of
 * its chain hash. Writes them at `offset` of `target` and answers true when the hash is 64 hex
 * digits; otherwise (an event written around the ledger) answers false, and the entry is whatever
 * `Buffer.from(hash, 'hex')` decodes. The ledger's tree and verification's tree read entries alike.
 */
export function writeLogEntry(target: Buffer, offset: number, hash: string): boolean {
  return hash.length === 2 * HASH_BYTES && target.write(hash, offset, HASH_BYTES, 'hex') === HASH_BYTES;
}
