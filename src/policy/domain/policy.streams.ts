/**
 * One stream per fact. Fact ids are caller-chosen (validated at the edge by the one id grammar,
 * src/common/ids.ts), so a stream name is the fact kind and the id.
 */

export type FactKind = 'regime' | 'designation' | 'data-list' | 'company' | 'instrument';

export const FACT_KINDS: readonly FactKind[] = ['regime', 'designation', 'data-list', 'company', 'instrument'];

export const factStream = (kind: FactKind, id: string): string => `${kind}-${id}`;

/** The fact kind and id of a policy stream name, or undefined for other streams. */
export function parseFactStream(stream: string): { kind: FactKind; id: string } | undefined {
  for (const kind of FACT_KINDS) {
    if (stream.startsWith(`${kind}-`)) return { kind, id: stream.slice(kind.length + 1) };
  }
  return undefined;
}
