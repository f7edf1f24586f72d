import type { Problem } from '../common/errors.js';

/**
 * The one JSON reading of request bodies (docs/api.md §1 "transport"): stricter than JSON.parse
 * about what a body may be, so that nothing ambiguous reaches validation.
 *
 * - nesting deeper than {@link MAX_JSON_DEPTH} is refused, so no later step (class-transformer,
 *   class-validator) recurses deeper than that;
 * - a member given twice in one object is refused (JSON.parse silently keeps the last);
 * - members named `__proto__`, `constructor` or `prototype` are refused as unknown fields
 *   wherever they appear (class-transformer drops them silently, and they name JavaScript
 *   machinery, never a ledger field);
 * - a number that reads as an integer other than the one written (`9007199254740993`,
 *   `9007199254740990.5`, `1.0000000000000001`) is refused: every number the API takes is an
 *   integer, and a rounded one must not pass for the one sent.
 *
 * JSON.parse checks the syntax first (V8's parser is iterative: a thousand levels of nesting cost
 * no stack); then one iterative pass over the text finds the problems above with the dotted path
 * of each (`entries.0.field`).
 */

/** How deep a body may nest: the body object is level 1 (docs/api.md §1). */
export const MAX_JSON_DEPTH = 32;

/** Member names that are never fields of the ledger (prototype pollution vectors). */
export const FORBIDDEN_MEMBERS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** At most this many problems are named; a hostile body could otherwise ask for thousands. */
const MAX_PROBLEMS = 50;

/** A member name in a message: long ones are cut. */
const MAX_NAME_IN_PATH = 64;

export type StrictJsonResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly problems: readonly Problem[]; readonly syntax?: true };

interface Container {
  readonly kind: 'object' | 'array';
  readonly path: string;
  /** Objects: the member names seen so far. */
  readonly names: Set<string>;
  /** Objects: the member name just read (its value comes next). Arrays: the index of the next element. */
  member: string;
  index: number;
  /** Objects: the next string is a member name. */
  expectingName: boolean;
}

const join = (path: string, name: string): string => {
  const shown = name.length > MAX_NAME_IN_PATH ? `${name.slice(0, MAX_NAME_IN_PATH)}…` : name;
  return path === '' ? shown : `${path}.${shown}`;
};

const isDigit = (code: number): boolean => code >= 48 && code <= 57;

/** Parses a body's text strictly (see above): the value, or every problem (syntax alone when it is not JSON). */
export function parseStrictJson(text: string): StrictJsonResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, problems: [{ field: 'body', reason: 'is not valid JSON' }], syntax: true };
  }
  const problems = scan(text);
  return problems.length === 0 ? { ok: true, value } : { ok: false, problems };
}

/** The problems of a text JSON.parse accepted (so the scan may assume well-formed JSON). */
function scan(text: string): Problem[] {
  const problems: Problem[] = [];
  const stack: Container[] = [];
  const add = (field: string, reason: string): void => {
    if (problems.length < MAX_PROBLEMS) problems.push({ field: field === '' ? 'body' : field, reason });
  };
  /** The path of the value starting now. */
  const valuePath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    return top.kind === 'object' ? join(top.path, top.member) : join(top.path, String(top.index));
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    const ch = text[i];
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r' || ch === ':') {
      i++;
      continue;
    }
    const top = stack[stack.length - 1];
    if (ch === ',') {
      if (top?.kind === 'object') top.expectingName = true;
      else if (top) top.index++;
      i++;
      continue;
    }
    if (ch === '{' || ch === '[') {
      const path = valuePath();
      if (stack.length + 1 > MAX_JSON_DEPTH) {
        add(path, `nests deeper than ${MAX_JSON_DEPTH} levels`);
        return problems; // nothing deeper is looked at
      }
      stack.push({ kind: ch === '{' ? 'object' : 'array', path, names: new Set(), member: '', index: 0, expectingName: ch === '{' });
      i++;
      continue;
    }
    if (ch === '}' || ch === ']') {
      stack.pop();
      i++;
      continue;
    }
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (top?.kind === 'object' && top.expectingName) {
        const name = JSON.parse(text.slice(i, end)) as string;
        const path = join(top.path, name);
        if (FORBIDDEN_MEMBERS.has(name)) add(path, 'is not an accepted field');
        else if (top.names.has(name)) add(path, 'is given more than once');
        top.names.add(name);
        top.member = name;
        top.expectingName = false;
      }
      i = end;
      continue;
    }
    if (ch === '-' || isDigit(code)) {
      let end = i + 1;
      while (end < text.length && /[0-9.eE+-]/.test(text[end])) end++;
      const literal = text.slice(i, end);
      const read = Number(literal);
      if (Number.isInteger(read) && !denotesExactly(literal, read)) add(valuePath(), `must be a number JSON can carry exactly: ${literal} would be read as ${read}`);
      i = end;
      continue;
    }
    // true, false, null
    i += ch === 'f' ? 5 : 4;
  }
  return problems;
}

/** The index just after the closing quote of the string starting at `start`. */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '\\') i += 2;
    else if (ch === '"') return i + 1;
    else i++;
  }
  return i;
}

/**
 * Whether a JSON number literal denotes exactly the integer it was read as. The literal is
 * digits × 10^exponent; it is that integer only if no fractional digit is left and the digits
 * agree (compared as bigints; a literal longer than any double is never equal).
 */
export function denotesExactly(literal: string, read: number): boolean {
  const match = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(literal);
  if (!match) return false;
  const fraction = match[2] ?? '';
  let digits = `${match[1]}${fraction}`.replace(/^0+/, '');
  let exponent = Number(match[3] ?? '0') - fraction.length;
  if (digits === '') return read === 0;
  const trailing = /0*$/.exec(digits)![0].length;
  digits = digits.slice(0, digits.length - trailing);
  exponent += trailing;
  if (exponent < 0) return false; // a fraction is left, yet it was read as an integer
  if (digits.length + exponent > 400) return false; // beyond every finite double
  return BigInt(digits) * 10n ** BigInt(exponent) === (read < 0 ? -BigInt(read) : BigInt(read));
}
