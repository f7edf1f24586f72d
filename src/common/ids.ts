import { hash, randomFillSync } from 'node:crypto';

/**
 * Event ids are UUIDs (EventStoreDB requires them). New events get time-ordered UUID v7 ids: a
 * random id scatters every insert across the unique index (batched appends measured 3.5× slower
 * with random v4 ids than with v7 on SQLite here). Events that must be appended exactly once by whoever gets there first (expiry,
 * seeding) get name-based UUID v5 ids, so a second writer's append is an idempotent repeat.
 */

const hex = (bytes: Buffer): string => bytes.toString('hex');
const format = (h: string): string => `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;

/** Random bytes drawn 16 at a time from a pool refilled by one randomFillSync (as Node's randomUUID does): a call per id costs more than the rest of the id. */
const POOL_IDS = 128;
const pool = Buffer.alloc(16 * POOL_IDS);
let poolNext = POOL_IDS;
const id = Buffer.alloc(16);

/** 16 fresh random bytes (in a buffer reused by the next call: read it before). */
function randomBytes16(): Buffer {
  if (poolNext === POOL_IDS) {
    randomFillSync(pool);
    poolNext = 0;
  }
  pool.copy(id, 0, 16 * poolNext, 16 * ++poolNext);
  return id;
}

let lastMs = 0;
let sequence = 0;

/** A UUID v7: 48-bit millisecond timestamp, then a 12-bit counter within the millisecond, then random bits. */
export function uuidv7(nowMs: number = Date.now()): string {
  if (nowMs <= lastMs) {
    sequence = (sequence + 1) & 0xfff;
    if (sequence === 0) lastMs += 1; // counter wrapped: borrow the next millisecond to stay ordered
    nowMs = lastMs;
  } else {
    lastMs = nowMs;
    sequence = 0;
  }
  const bytes = randomBytes16();
  // The 48-bit timestamp, high 16 bits then low 32 (exact in doubles: nowMs < 2^48).
  const high = Math.floor(nowMs / 2 ** 32);
  const low = nowMs >>> 0;
  bytes[0] = (high >>> 8) & 0xff;
  bytes[1] = high & 0xff;
  bytes[2] = low >>> 24;
  bytes[3] = (low >>> 16) & 0xff;
  bytes[4] = (low >>> 8) & 0xff;
  bytes[5] = low & 0xff;
  bytes[6] = 0x70 | ((sequence >> 8) & 0x0f);
  bytes[7] = sequence & 0xff;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(hex(bytes));
}

/** The namespace of the ledger's deterministic ids (a fixed random UUID). */
export const LEDGER_NAMESPACE = '6f1d6c0e-5b7a-4c53-9a2e-3f0b8d4e2a91';

const namespaceBytes = (namespace: string): Buffer => Buffer.from(namespace.replace(/-/g, ''), 'hex');
const LEDGER_NAMESPACE_BYTES = namespaceBytes(LEDGER_NAMESPACE);

/** A UUID v5 (SHA-1, name-based): the same name always gives the same id. */
export function uuidv5(name: string, namespace: string = LEDGER_NAMESPACE): string {
  const ns = namespace === LEDGER_NAMESPACE ? LEDGER_NAMESPACE_BYTES : namespaceBytes(namespace);
  const digest = hash('sha1', Buffer.concat([ns, Buffer.from(name, 'utf8')]), 'buffer');
  const bytes = digest.subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format(hex(bytes));
}

/** An event id: a UUID of any version, either case. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (text: string): boolean => UUID_PATTERN.test(text);

/**
 * The one id grammar (docs/api.md §1 "id"): facts, companies, zones, transfers and corrections
 * alike, 1–128 ASCII letters, digits, `.`, `_`, `-` or `:`, except `.` and `..`, which every URL
 * client rewrites as path steps (`/v1/transfers/..` is `/v1`): such an id could be written and
 * never read. Nothing in the grammar needs percent-encoding in a path segment.
 */
export const ID_PATTERN = /^(?!\.\.?$)[A-Za-z0-9._:-]{1,128}$/;
/** What {@link ID_PATTERN} asks for, in words (for error messages). */
export const ID_RULE = '1–128 letters, digits, ".", "_", "-" or ":", and not "." or ".."';

/** Whether a value is an id of the one grammar. */
export const isId = (value: unknown): value is string => typeof value === 'string' && ID_PATTERN.test(value);
