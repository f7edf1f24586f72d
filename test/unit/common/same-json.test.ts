import { sameJson } from '../../../src/common/decider.js';

class Body {
  constructor(
    readonly b: number,
    readonly a: { readonly y?: string; readonly x: number },
  ) {}
}

describe('sameJson (idempotency checks)', () => {
  it('compares values as the store would keep them, whatever their key order', () => {
    expect(sameJson({ a: 1, b: [{ x: 1, y: 'y' }] }, { b: [{ y: 'y', x: 1 }], a: 1 })).toBe(true);
    expect(sameJson({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameJson([1, 2], [2, 1])).toBe(false);
  });

  it('treats undefined members as absent, as the stored JSON has them', () => {
    expect(sameJson({ a: 1, until: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: 1, until: undefined }, { a: 1, until: null })).toBe(false);
  });

  it('reads class instances (validated request bodies) as their own properties', () => {
    expect(sameJson(new Body(2, { x: 1, y: undefined }), { a: { x: 1 }, b: 2 })).toBe(true);
  });
});
