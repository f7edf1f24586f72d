import type { KeyObject } from 'node:crypto';
import { GrowableArray } from '../../common/growable-array.js';
import { checkpointSignatureHolds, parseCheckpoint, type Checkpoint } from '../../common/merkle/checkpoint.js';
import { verifyChains, type ChainVerification } from '../../event-store/chain-verification.js';
import type { EventStore, StoredEvent } from '../../event-store/event-store.port.js';
import { CHECKPOINT_SEALED, SEAL_STREAM } from '../domain/checkpoint-sealed.event.js';
import { LogTreeBuilder } from './log-tree.builder.js';

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
  const tree = new LogTreeBuilder();
  try {
    return await againstCheckpoint(store, checkpoint, publicKey, tree);
  } finally {
    await tree.close();
  }
}

/** A `CheckpointSealed` event of the log, as read: its checkpoint, or why it is none to check. */
interface SealSeen {
  readonly position: bigint;
  readonly sealed?: Checkpoint;
  readonly problem?: string;
}

async function againstCheckpoint(store: EventStore, checkpoint: Checkpoint, publicKey: KeyObject, tree: LogTreeBuilder): Promise<CheckpointVerification> {
  const positions = new GrowableArray(Float64Array, 1024);
  const claimed = BigInt(checkpoint.position);
  let atOrBeforeClaimed = 0;
  let lastPosition: bigint | undefined;
  const seen: SealSeen[] = [];
  const positionOf = (leaf: number): bigint => BigInt(positions.array[leaf]);

  const chains = await verifyChains(store, (event) => {
    const leaf = tree.size;
    tree.add(event.hash);
    positions.reserve(leaf + 1);
    positions.array[leaf] = Number(event.position);
    lastPosition = event.position;
    if (event.position <= claimed) atOrBeforeClaimed++;
    if (event.type === CHECKPOINT_SEALED && event.stream === SEAL_STREAM) seen.push(sealSeen(event, leaf, publicKey));
  });

  // The roots come from the tree's thread once it has every leaf: the checkpoint's, and each seal's that is signed and covers only events before it.
  const sizes = [...new Set([checkpoint.treeSize, ...seen.flatMap((seal) => (seal.sealed ? [seal.sealed.treeSize] : []))])].filter((size) => size <= tree.size);
  const roots = new Map((await tree.roots(sizes)).map((root, i) => [sizes[i], root]));
  const rootAtSize = roots.get(checkpoint.treeSize);
  const seals = seen.map((seal): SealCheck => {
    const { sealed, position } = seal;
    if (!sealed) return { treeSize: -1, position, holds: false, detail: seal.problem };
    const lastCovered = sealed.treeSize === 0 ? 0n : positionOf(sealed.treeSize - 1);
    if (roots.get(sealed.treeSize) !== sealed.rootHash || lastCovered.toString(10) !== sealed.position) {
      return { treeSize: sealed.treeSize, position, holds: false, detail: `the first ${sealed.treeSize} events of the log are no longer the ones it sealed (up to position ${sealed.position})` };
    }
    return { treeSize: sealed.treeSize, position, holds: true };
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

/** A seal as read at leaf `leaf`: its checkpoint when it is one, signed by the key, covering only events before it. */
function sealSeen(event: StoredEvent, leaf: number, publicKey: KeyObject): SealSeen {
  const at = { position: event.position };
  const { checkpoint: sealed, problems } = parseCheckpoint(parsedOrText(event.dataJson));
  if (!sealed) return { ...at, problem: `it is not a checkpoint (${problems.join('; ')})` };
  if (!checkpointSignatureHolds(sealed, publicKey)) return { ...at, problem: 'its signature does not verify with the public key' };
  if (sealed.treeSize > leaf) return { ...at, problem: `it covers ${sealed.treeSize} events but only ${leaf} come before it` };
  return { ...at, sealed };
}

/** The stored text as JSON, or the text itself when it is not JSON (parseCheckpoint then says what is wrong). */
function parsedOrText(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
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
