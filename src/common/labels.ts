/**
 * Labels: the free text the ledger matches or shows (fields, categories, titles; docs/api.md §1
 * "text"). A label that looks like another must be the other: two spellings of one text in
 * Unicode are made one by NFC normalisation (at the HTTP edge), and characters that do not show
 * are refused, so that a field cannot look designated and match nothing.
 */

/**
 * Control characters (C0, DEL, C1), format characters (zero-width space and joiners, the word
 * joiner, the byte-order mark, soft hyphen, the bidirectional embeddings, overrides, isolates
 * and marks), line and paragraph separators, and lone surrogates.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u;
const EDGE_SPACE = /^\s|\s$/u;

/** Why the text is no label, or undefined when it is one. The text is expected in NFC already. */
export function labelProblem(text: string): string | undefined {
  if (INVISIBLE.test(text)) return 'must not contain control, zero-width or bidirectional formatting characters';
  if (EDGE_SPACE.test(text)) return 'must not begin or end with white space';
  if (text !== text.normalize('NFC')) return 'must be in Unicode normalisation form NFC';
  return undefined;
}

/** The NFC form of a string; anything else as it is. */
export const normalisedLabel = (value: unknown): unknown => (typeof value === 'string' ? value.normalize('NFC') : value);
