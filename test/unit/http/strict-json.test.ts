import { describe, expect, it } from '@jest/globals';
import { denotesExactly, parseStrictJson } from '../../../src/http/strict-json.js';

const problems = (text: string) => {
  const result = parseStrictJson(text);
  return result.ok ? [] : result.problems.map((p) => `${p.field} ${p.reason}`);
};

describe('the strict JSON reading of bodies', () => {
  it('reads what JSON.parse reads when nothing is ambiguous', () => {
    expect(parseStrictJson('{"a":[1,{"b":"x\\"y"}],"c":null}')).toEqual({ ok: true, value: { a: [1, { b: 'x"y' }], c: null } });
  });

  it('names each problem with its dotted path', () => {
    expect(problems('{"a":1,"a":2,"b":{"c":[{"d":1,"\\u0064":2}]}}')).toEqual(['a is given more than once', 'b.c.0.d is given more than once']);
    expect(problems('{"x":{"__proto__":1},"constructor":2,"y":[{"prototype":3}]}')).toEqual([
      'x.__proto__ is not an accepted field',
      'constructor is not an accepted field',
      'y.0.prototype is not an accepted field',
    ]);
    expect(problems('{"n":[1, 9007199254740993]}')).toEqual(['n.1 must be a number JSON can carry exactly: 9007199254740993 would be read as 9007199254740992']);
    expect(problems('{"a": "1,2"}')).toEqual([]);
  });

  it('stops at 32 levels, naming where the 33rd begins', () => {
    expect(problems(`${'['.repeat(32)}${']'.repeat(32)}`)).toEqual([]);
    expect(problems(`${'['.repeat(33)}${']'.repeat(33)}`)).toEqual([`0${'.0'.repeat(31)} nests deeper than 32 levels`]);
    expect(problems(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)).toHaveLength(1);
  });

  it('tells exact integer literals from those a double rounds', () => {
    for (const [literal, exact] of [
      ['0', true], ['-0', true], ['0.0', true], ['1e3', true], ['1.5e1', true], ['1E+2', true], ['9007199254740992', true], ['1e20', true],
      ['9007199254740993', false], ['9007199254740990.5', false], ['5.0000000000000001', false], ['1e-400', false], ['1.00000000000000000001e2', false],
    ] as const) {
      const read = Number(literal);
      if (Number.isInteger(read)) expect([literal, denotesExactly(literal, read)]).toEqual([literal, exact]);
    }
  });

  it('says only that text which is no JSON is not valid JSON', () => {
    expect(parseStrictJson('{"a":')).toEqual({ ok: false, problems: [{ field: 'body', reason: 'is not valid JSON' }], syntax: true });
  });
});
