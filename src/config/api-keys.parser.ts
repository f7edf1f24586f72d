import { ROLES, type Role } from '../common/terms.js';
import type { ApiKeyConfig } from './ledger-config.js';

/** Shorter keys are guessable; generated keys are 43 characters (32 random bytes, base64url). */
export const MIN_KEY_LENGTH = 16;

const ALLOWED_FIELDS = new Set(['key', 'role', 'companyId']);

/**
 * Parses a JSON array of `{key, role, companyId?}` (docs/api.md: `LEDGER_API_KEYS`). Returns the
 * keys, or the problems, each naming `source` and the entry by index (never by the key itself,
 * which is a secret).
 */
export function parseApiKeys(text: string, source: string): { keys: ApiKeyConfig[]; problems: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { keys: [], problems: [`${source} is not valid JSON (${(error as Error).message})`] };
  }
  if (!Array.isArray(parsed)) return { keys: [], problems: [`${source} must be a JSON array of {key, role, companyId?}`] };
  if (parsed.length === 0) return { keys: [], problems: [`${source} is empty: give at least one key, or unset it to generate keys`] };

  const keys: ApiKeyConfig[] = [];
  const problems: string[] = [];
  const seen = new Map<string, number>();
  parsed.forEach((entry: unknown, index) => {
    const name = `${source}[${index}]`;
    const entryProblems = checkEntry(entry);
    if (entryProblems.length > 0) {
      problems.push(...entryProblems.map((p) => `${name}: ${p}`));
      return;
    }
    const key = entry as ApiKeyConfig;
    const earlier = seen.get(key.key);
    if (earlier !== undefined) {
      problems.push(`${name}: key repeats the key of entry ${earlier}`);
      return;
    }
    seen.set(key.key, index);
    keys.push(key.companyId === undefined ? { key: key.key, role: key.role } : { key: key.key, role: key.role, companyId: key.companyId });
  });
  return { keys: problems.length > 0 ? [] : keys, problems };
}

function checkEntry(entry: unknown): string[] {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return ['must be an object {key, role, companyId?}'];
  const record = entry as Record<string, unknown>;
  const problems: string[] = [];
  for (const field of Object.keys(record)) {
    if (!ALLOWED_FIELDS.has(field)) problems.push(`unknown field ${field} (allowed: key, role, companyId)`);
  }
  const { key, role, companyId } = record;
  if (typeof key !== 'string' || key.length === 0) problems.push('key must be a non-empty string');
  else if (key.length < MIN_KEY_LENGTH) problems.push(`key must be at least ${MIN_KEY_LENGTH} characters long`);
  else if (/\s/.test(key)) problems.push('key must not contain whitespace');
  if (typeof role !== 'string' || !ROLES.includes(role as Role)) {
    problems.push(`role must be one of ${ROLES.join(', ')} (got ${JSON.stringify(role)})`);
  }
  if (role === 'service') {
    if (typeof companyId !== 'string' || companyId.trim() === '') problems.push('companyId is required for a service key (the company it acts for)');
  } else if (companyId !== undefined) {
    problems.push(`companyId is only for service keys (this key's role is ${String(role)})`);
  }
  return problems;
}
