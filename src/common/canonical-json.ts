/**
 * The one canonical JSON encoder: what the event store stores and hashes (hash-chain.ts) and what
 * idempotency checks compare (application/decider.ts `sameJson`). Pure: no framework, no I/O.
 */

/** A value that cannot be stored as JSON; `path` names where it sits (`data.items[2].count`). */
export class NotJsonError extends TypeError {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path} ${reason}`);
    this.name = 'NotJsonError';
  }
}

const keyPath = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);

/** `"key":`, quoted once per distinct key: events of one type repeat the same keys. */
const quotedKeys = new Map<string, string>();
function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    if (quotedKeys.size >= 10_000) quotedKeys.clear(); // bounded: keys may be data too
    quoted = JSON.stringify(key) + ':';
    quotedKeys.set(key, quoted);
  }
  return quoted;
}

/** The hot path of canonicalJson: throws a NotJsonError without a path, which {@link explain} then finds. */
function encode(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new NotJsonError('', `must be a finite number (got ${String(value)})`);
      return String(value); // what JSON.stringify writes for a finite number
    case 'object': {
      if (value === null) return 'null';
      if (Array.isArray(value)) {
        let out = '[';
        for (let i = 0; i < value.length; i++) {
          if (value[i] === undefined) throw new NotJsonError('', 'must not be undefined in an array');
          out += (i > 0 ? ',' : '') + encode(value[i]);
        }
        return out + ']';
      }
      const prototype: unknown = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) {
        throw new NotJsonError('', `must be plain JSON (got ${(value as object).constructor?.name ?? 'an object'})`);
      }
      // Sorted keys at every depth: the same content always encodes to the same bytes, whatever
      // order the writer built the object in or a store hands it back in.
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record).sort();
      let out = '{';
      let first = true;
      for (const key of keys) {
        const item = record[key];
        if (item === undefined) continue; // as JSON.stringify: an undefined property is absent
        out += (first ? '' : ',') + quotedKey(key) + encode(item);
        first = false;
      }
      return out + '}';
    }
    default:
      throw new NotJsonError('', `must be JSON (got ${typeof value})`);
  }
}

/** Walks a value that failed to encode again, keeping track of where it is, to name the bad spot. */
function explain(value: unknown): void {
  if (typeof value !== 'object' || value === null) {
    encode(value);
    return;
  }
  const entries: [string, unknown][] = Array.isArray(value)
    ? value.map((item, i) => [`[${i}]`, item])
    : Object.entries(value as object).map(([key, item]) => [keyPath(key), item]);
  for (const [segment, item] of entries) {
    try {
      if (Array.isArray(value) && item === undefined) throw new NotJsonError('', 'must not be undefined in an array');
      if (item !== undefined) explain(item);
    } catch (error) {
      throw error instanceof NotJsonError ? new NotJsonError(segment + error.path, error.reason) : error;
    }
  }
  encode(value); // the container itself (a class instance, say)
}

/**
 * JSON with object keys sorted (by UTF-16 code units, as `Array.prototype.sort`) at every depth and
 * no whitespace; `undefined` properties are dropped as JSON.stringify drops them. Throws
 * {@link NotJsonError} for values JSON cannot hold exactly (NaN, Infinity, bigint, functions,
 * class instances such as Date, `undefined` array items), with the path to the first one.
 */
export function canonicalJson(value: unknown): string {
  try {
    return encode(value);
  } catch (error) {
    if (!(error instanceof NotJsonError)) throw error;
    explain(value);
    throw error;
  }
}
