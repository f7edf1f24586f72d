import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { ValidationFailed } from './errors.js';

/**
 * Opaque page cursors of the listings (docs/api.md §13): the listing's own continuation (the
 * knowledge cut it was issued for, the last item, a digest of the filters), as base64url JSON
 * with a SHA-256 check, so that a cursor that was cut short or altered is a 400 naming `cursor`
 * rather than a page of something else. A cursor is no secret and grants nothing: every page is
 * authorised on its own request, and a well-formed cursor only names a page the caller could
 * have asked for with `position=`.
 */

const CHECK_LENGTH = 16;

const checkOf = (json: string): string => createHash('sha256').update(`ledger-cursor:${json}`).digest('base64url').slice(0, CHECK_LENGTH);

/** A cursor for the payload (any JSON object). */
export function encodeCursor(payload: Record<string, unknown>): string {
  const json = canonicalJson(payload);
  return `${Buffer.from(json, 'utf8').toString('base64url')}.${checkOf(json)}`;
}

/** The problem every bad cursor is answered with. */
export const badCursor = (reason = 'is not a cursor this listing issued (malformed or altered)'): ValidationFailed => ValidationFailed.of('cursor', reason);

/** The payload of a cursor made by {@link encodeCursor}; ValidationFailed (`cursor`) when it is not one. */
export function decodeCursor(cursor: string): Record<string, unknown> {
  const [body, check, ...rest] = cursor.split('.');
  if (rest.length > 0 || !body || !check || !/^[A-Za-z0-9_-]+$/.test(body)) throw badCursor();
  const json = Buffer.from(body, 'base64url').toString('utf8');
  if (check !== checkOf(json)) throw badCursor();
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    throw badCursor();
  }
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw badCursor();
  return payload as Record<string, unknown>;
}

/** A digest of the filters a listing was asked with: a cursor is only good for the same filters. */
export const filtersDigest = (filters: Record<string, unknown>): string => createHash('sha256').update(canonicalJson(filters)).digest('base64url').slice(0, 22);
