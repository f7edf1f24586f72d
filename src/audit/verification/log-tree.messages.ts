/** What verification's main thread sends the tree's thread (log-tree.worker.ts). */
export type LogTreeRequest =
  /** The next leaves: `length` bytes of 32-byte entries (chain hashes), in log order. */
  | { readonly kind: 'entries'; readonly entries: Uint8Array; readonly length: number }
  /** The next leaf, from an entry that is not 32 bytes (a hash written around the ledger). */
  | { readonly kind: 'entry'; readonly entry: Uint8Array }
  /** The roots of the trees of these sizes, once everything sent before is in the tree. */
  | { readonly kind: 'roots'; readonly sizes: readonly number[] };

/** The answer to `roots`: hex roots (undefined for a size beyond the tree), and the tree's size. */
export interface LogTreeReply {
  readonly roots: readonly (string | undefined)[];
  readonly size: number;
}
