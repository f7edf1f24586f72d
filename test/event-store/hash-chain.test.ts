import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { computeEventHash, GENESIS_HASH, type HashedEventContent } from '../../src/event-store/hash-chain.js';
import { canonicalJson, NotJsonError } from '../../src/common/canonical-json.js';

const content: HashedEventContent = {
  stream: 'data-list-LG-2024',
  revision: 12n,
  type: 'DataListPublished',
  data: { title: '临港数据清单', entries: [{ field: 'f', category: 'c' }], n: 1.5 },
  metadata: { actor: { role: 'regulator', keyId: 'k1' } },
  previousHash: 'ab'.repeat(32),
};

describe('hash chain', () => {
  it('is the SHA-256 of the canonical JSON of exactly the hashed fields, revision as a decimal string', () => {
    // Written out by hand: keys sorted at every depth, no whitespace.
    const canonical =
      '{"data":{"entries":[{"category":"c","field":"f"}],"n":1.5,"title":"临港数据清单"},' +
      '"metadata":{"actor":{"keyId":"k1","role":"regulator"}},' +
      `"previousHash":"${'ab'.repeat(32)}","revision":"12","stream":"data-list-LG-2024","type":"DataListPublished"}`;
    expect(computeEventHash(content)).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
  });

  it('chains revision 0 to a genesis hash of 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
  });

  it('does not depend on the order in which object keys were written', () => {
    const reordered: HashedEventContent = {
      ...content,
      data: { n: 1.5, entries: [{ category: 'c', field: 'f' }], title: '临港数据清单' },
      metadata: { actor: { keyId: 'k1', role: 'regulator' } },
    };
    expect(computeEventHash(reordered)).toBe(computeEventHash(content));
  });

  it('changes with every hashed field', () => {
    const base = computeEventHash(content);
    const variants: Partial<HashedEventContent>[] = [
      { stream: 'data-list-LG-2025' },
      { revision: 13n },
      { type: 'DataListAmended' },
      { data: { ...content.data, n: 1.51 } },
      { metadata: { actor: { role: 'regulator', keyId: 'k2' } } },
      { previousHash: GENESIS_HASH },
      { data: { ...content.data, entries: [{ field: 'f', category: 'c' }, { field: 'g' }] } },
    ];
    const hashes = variants.map((change) => computeEventHash({ ...content, ...change }));
    expect(new Set([base, ...hashes]).size).toBe(variants.length + 1);
  });

  it('drops undefined properties as JSON does, so a stored and re-read event hashes the same', () => {
    expect(canonicalJson({ b: 1, a: undefined as unknown as null, c: { z: [1, 'x'], y: null } })).toBe('{"b":1,"c":{"y":null,"z":[1,"x"]}}');
    const withUndefined = { ...content, data: { ...content.data, until: undefined as unknown as null } };
    expect(computeEventHash(withUndefined)).toBe(computeEventHash(content));
  });

  it('writes what a plain recursive sort-then-stringify writes, for any JSON value, and parses back to it', () => {
    const reference = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
      if (typeof value === 'object' && value !== null) {
        const entries = Object.entries(value).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
        return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${reference(item)}`).join(',')}}`;
      }
      return JSON.stringify(value);
    };
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const canonical = canonicalJson(value as never);
        expect(canonical).toBe(reference(value));
        expect(JSON.parse(canonical)).toEqual(JSON.parse(JSON.stringify(value))); // JSON has no -0
      }),
      { numRuns: 500 },
    );
  });

  it('refuses values JSON cannot hold, naming where they are', () => {
    const bad: [unknown, string, string][] = [
      [{ a: { b: [1, Number.NaN] } }, '.a.b[1]', 'finite number'],
      [{ 'odd key': Infinity }, '["odd key"]', 'finite number'],
      [{ when: new Date(0) }, '.when', 'plain JSON (got Date)'],
      [{ n: 10n }, '.n', 'got bigint'],
      [{ list: [undefined] }, '.list[0]', 'undefined'],
    ];
    for (const [value, path, reason] of bad) {
      const error = (() => {
        try {
          canonicalJson(value as never);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(NotJsonError);
      expect((error as NotJsonError).path).toBe(path);
      expect((error as NotJsonError).reason).toContain(reason);
    }
  });
});
