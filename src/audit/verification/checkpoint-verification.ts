import type { KeyObject } from 'node:crypto';
import { GrowableArray } from '../../common/growable-array.js';
import { checkpointSignatureHolds, parseCheckpoint, type Checkpoint } from '../../common/merkle/checkpoint.js';
import { MerkleTree } from '../../common/merkle/merkle-tree.js';
import { verifyChains, type ChainVerification } from '../../event-store/chain-verification.js';
import type { EventStore, RecordedEvent } from '../../event-store/event-store.port.js';
import { CHECKPOINT_SEALED, SEAL_STREAM } from '../domain/checkpoint-sealed.event.js';

/**
 * What can be wrong with a log checked against a checkpoint saved earlier:
 * - `signature`: the checkpoint does not verify with the public key (signed by another key, or altered);
 * - `chain`: an event's hash chain is broken (chain-verification.ts names the event);
 * - `truncated`: the log holds fewer events than the checkpoint's tree;
 * - `rewritten`: the log's first `treeSize` events do not hash to the checkpoint's root (events
 *   deleted, inserted, reordered, or edited and re-hashed before the checkpoint's position);
 * - `seal`: a `CheckpointSealed` event of the log does not verify (its signature, or its root
 *   against the log before it).
 */
export type LogProblemKind = 'signature' | 'chain' | 'truncated' | 'rewritten' | 'seal';

export interface LogProblem {
  readonly kind: LogProblemKind;
  readonly detail: string;
  /** The first bad position, when the log shows it exactly. */
  readonly position?: bigint;
  /** Otherwise where it lies: after this position ("0": from the start of the log) … */
  readonly after?: bigint;
  /** … and at or before this one. */
  readonly atOrBefore?: bigint;
}

export interface CheckpointVerification {
  readonly ok: boolean;
  readonly checkpoint: Checkpoint;
  /** The chain verification of the same read of the log (absent when the signature failed: the log was not read). */
  readonly chains?: ChainVerification;
  /** `CheckpointSealed` events of the log checked, and how many verified. */
  readonly seals: { readonly checked: number; readonly verified: number };
  readonly problem?: LogProblem;
}

/** A seal of the log as checked: the tree size it covers and whether it held. */
interface SealCheck {
  readonly treeSize: number;
  readonly position: bigint;
  readonly holds: boolean;
  readonly detail?: string;
}

const hexOf = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/**
 * Checks the log against a checkpoint saved earlier, in one read of the log through the port
 * (docs/api.md §10 `npm run verify -- --checkpoint`): the checkpoint's signature with the public
 * key, then every stream's hash chain, then that the log extends the checkpoint exactly (its
 * first `treeSize` events, in log order, hash to the checkpoint's root, the last of them at the
 * checkpoint's position), and every `CheckpointSealed` event of the log against the tree before
 * it. Seals that still hold and seals that do not bound where a rewrite of the log begins, when
 * the log shows no exact place (a deleted stream tail, a reordering across streams).
 */
export async function verifyAgainstCheckpoint(store: EventStore, checkpoint: Checkpoint, publicKey: KeyObject): Promise<CheckpointVerification> {
  if (!checkpointSignatureHolds(checkpoint, publicKey)) {
    return {
      ok: false,
      checkpoint,
      seals: { checked: 0, verified: 0 },
      problem: { kind: 'signature', detail: 'the checkpoint’s signature does not verify with the ledger’s public key: it was signed by another key, or altered' },
    };
  }
  const tree = new MerkleTree();
  const positions = new GrowableArray(Float64Array, 1024);
  const entry = Buffer.alloc(32);
  const claimed = BigInt(checkpoint.position);
  let atOrBeforeClaimed = 0;
  let rootAtSize: string | undefined = checkpoint.treeSize === 0 ? hexOf(tree.root(0)) : undefined;
  let lastPosition: bigint | undefined;
  const seals: SealCheck[] = [];
  const positionOf = (leaf: number): bigint => BigInt(positions.array[leaf]);

  const checkSeal = (event: RecordedEvent): SealCheck => {
    const { checkpoint: sealed, problems } = parseCheckpoint(event.data);
    if (!sealed) return { treeSize: -1, position: event.position, holds: false, detail: `it is not a checkpoint (${problems.join('; ')})` };
    if (!checkpointSignatureHolds(sealed, publicKey)) return { treeSize: sealed.treeSize, position: event.position, holds: false, detail: 'its signature does not verify with the public key' };
    // A seal covers the events before it, so its tree is already built here.
    if (sealed.treeSize >= tree.size) return { treeSize: sealed.treeSize, position: event.position, holds: false, detail: `it covers ${sealed.treeSize} events but only ${tree.size - 1} come before it` };
    const lastCovered = sealed.treeSize === 0 ? 0n : positionOf(sealed.treeSize - 1);
    if (hexOf(tree.root(sealed.treeSize)) !== sealed.rootHash || lastCovered.toString(10) !== sealed.position) {
      return { treeSize: sealed.treeSize, position: event.position, holds: false, detail: `the first ${sealed.treeSize} events of the log are no longer the ones it sealed (up to position ${sealed.position})` };
    }
    return { treeSize: sealed.treeSize, position: event.position, holds: true };
  };

  const chains = await verifyChains(store, (event) => {
    const leaf = tree.size;
    tree.append(event.hash.length === 64 ? entry.subarray(0, entry.write(event.hash, 'hex')) : Buffer.from(event.hash, 'hex'));
    positions.reserve(leaf + 1);
    positions.array[leaf] = Number(event.position);
    lastPosition = event.position;
    if (event.position <= claimed) atOrBeforeClaimed++;
    if (tree.size === checkpoint.treeSize) rootAtSize = hexOf(tree.root());
    if (event.type === CHECKPOINT_SEALED && event.stream === SEAL_STREAM) seals.push(checkSeal(event));
  });

  const summary = { checkpoint, chains, seals: { checked: seals.length, verified: seals.filter((s) => s.holds).length } };
  const problem = chainProblem(chains) ?? extensionProblem() ?? sealProblem();
  return problem ? { ok: false, ...summary, problem } : { ok: true, ...summary };

  function extensionProblem(): LogProblem | undefined {
    const size = checkpoint.treeSize;
    if (tree.size < size) {
      return {
        kind: 'truncated',
        detail: `the log holds ${tree.size} events, the checkpoint covers ${size} up to position ${checkpoint.position}: events after position ${lastPosition ?? 0n} are missing`,
        after: lastPosition ?? 0n,
        atOrBefore: claimed,
      };
    }
    if (rootAtSize === checkpoint.rootHash && (size === 0 || positionOf(size - 1) === claimed)) return undefined;
    const difference = atOrBeforeClaimed - size;
    const what =
      difference < 0
        ? `${-difference} event(s) fewer than the checkpoint's ${size} at or before position ${claimed}: deleted, or moved after it`
        : difference > 0
          ? `${difference} event(s) more than the checkpoint's ${size} at or before position ${claimed}: inserted`
          : `the first ${size} events do not hash to its root: edited and re-hashed, reordered, or inserted or deleted with the later positions renumbered`;
    // Seals of the log that still hold were made before the change; the first that fails, after it.
    const held = seals.filter((s) => s.holds && s.treeSize <= size).reduce((most, s) => Math.max(most, s.treeSize), 0);
    const failed = seals.filter((s) => !s.holds && s.treeSize > held).reduce((least, s) => Math.min(least, s.treeSize), size);
    const after = held === 0 ? 0n : positionOf(held - 1);
    const atOrBefore = failed > 0 ? bigMin(positionOf(failed - 1), claimed) : claimed;
    const bound = held === 0 ? 'from the start of the log' : `after position ${after} (the last seal of the log that still holds covers ${held} events)`;
    return { kind: 'rewritten', detail: `the log does not extend the checkpoint: ${what}; the first change lies ${bound} and at or before position ${atOrBefore}`, after, atOrBefore };
  }

  function sealProblem(): LogProblem | undefined {
    const bad = seals.find((s) => !s.holds);
    return bad && { kind: 'seal', detail: `the CheckpointSealed event at position ${bad.position} does not verify: ${bad.detail}`, position: bad.position };
  }
}

const bigMin = (a: bigint, b: bigint): bigint => (a < b ? a : b);

function chainProblem(chains: ChainVerification): LogProblem | undefined {
  const problem = chains.firstProblem;
  if (!problem) return undefined;
  return {
    kind: 'chain',
    detail: `${problem.problem} problem at event ${problem.eventId} (stream ${problem.stream}, revision ${problem.revision}): ${problem.detail}`,
    position: problem.position,
  };
}
