import type { KeyObject } from 'node:crypto';
import { CliError, parseOptions, readJsonFile, readPublicKeyFile } from './cli-files.js';
import { checkpointSignatureHolds, parseCheckpoint, type Checkpoint } from './common/merkle/checkpoint.js';
import { leafHash } from './common/merkle/merkle-hash.js';
import { verifyConsistency, verifyInclusion } from './common/merkle/merkle-proofs.js';

/**
 * The standalone verifier (`npm run verify-proof -- --checkpoint c.json --proof p.json
 * --public-key k.pem`): checks a proof the ledger gave against a checkpoint, with nothing but the
 * files and the ledger's public key; no ledger, no store, no network (docs/api.md §10).
 *
 * - An inclusion proof (`GET /v1/audit/proofs/inclusion`) against the checkpoint of its tree size.
 * - A consistency proof (`GET /v1/audit/proofs/consistency`) between the checkpoint of `from`
 *   (the one kept from earlier) and that of `to` (a second `--checkpoint`, or the one the proof
 *   carries).
 *
 * The checkpoints given are the ones held; the one a proof carries stands in only for the later
 * tree of a consistency proof. Every checkpoint used must verify with the public key. Exit code 0 when the proof holds (saying
 * which kind it checked), 1 when a signature or the proof fails, 2 when it could not verify (bad
 * arguments, unreadable or malformed files, no checkpoint of the sizes the proof names).
 */

const USAGE = 'usage: verify-proof.ts --checkpoint <checkpoint.json> [--checkpoint <checkpoint.json>] --proof <proof.json> --public-key <key.pem>';

/** A checkpoint and where it came from, for messages. */
interface Held {
  readonly checkpoint: Checkpoint;
  readonly from: string;
}

/** A check that ran: its outcome, one line saying what it checked, and the checkpoints it relied on. */
interface Outcome {
  readonly ok: boolean;
  readonly line: string;
  readonly used: readonly Held[];
}

const HEX_HASH = /^[0-9a-f]{64}$/;
const short = (hash: string): string => `${hash.slice(0, 16)}…`;

function hashes(value: unknown, field: string): Uint8Array[] {
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && HEX_HASH.test(item))) {
    throw new CliError(`the proof's ${field} must be a list of hex SHA-256 hashes`);
  }
  return value.map((item: string) => Buffer.from(item, 'hex'));
}

const size = (value: unknown, field: string): number => {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new CliError(`the proof's ${field} must be an integer ≥ 0`);
  return value as number;
};

function readHeld(path: string): Held {
  const { checkpoint, problems } = parseCheckpoint(readJsonFile(path, 'the checkpoint file'));
  if (!checkpoint) throw new CliError(`the checkpoint file ${path} is not a checkpoint: ${problems.join('; ')}`);
  return { checkpoint, from: path };
}

/** The checkpoint of a tree size among those that may serve (the files given first). */
function checkpointOf(candidates: readonly Held[], treeSize: number, role: string): Held {
  const found = candidates.find((h) => h.checkpoint.treeSize === treeSize);
  if (!found) throw new CliError(`no checkpoint of tree size ${treeSize} (${role}) among the checkpoints given: give it with --checkpoint`);
  return found;
}

function checkInclusion(proof: Record<string, unknown>, held: readonly Held[]): Outcome {
  const leafIndex = size(proof.leafIndex, 'leafIndex');
  const treeSize = size(proof.treeSize, 'treeSize');
  const [leaf] = hashes([proof.leafHash], 'leafHash');
  const auditPath = hashes(proof.auditPath, 'auditPath');
  // Against a checkpoint the auditor holds: the one the proof carries would only vouch for itself.
  const tree = checkpointOf(held, treeSize, 'the tree the proof leads to');
  const { checkpoint, from } = tree;
  const event = typeof proof.eventId === 'string' ? `event ${proof.eventId}${typeof proof.position === 'string' ? ` at position ${proof.position}` : ''}` : `leaf ${leafIndex}`;
  // The proof may name the event's chain hash: then the leaf must be its hash.
  if (typeof proof.hash === 'string' && Buffer.from(leafHash(Buffer.from(proof.hash, 'hex'))).toString('hex') !== proof.leafHash) {
    return { ok: false, line: `inclusion proof FAILED: leafHash is not SHA-256(0x00 ‖ the event's hash ${short(proof.hash)})`, used: [tree] };
  }
  const holds = verifyInclusion(leafIndex, treeSize, leaf, auditPath, Buffer.from(checkpoint.rootHash, 'hex'));
  const what = `${event} (leaf ${leafIndex}) in the tree of ${treeSize} events with root ${short(checkpoint.rootHash)} (checkpoint ${from})`;
  return { ok: holds, line: holds ? `inclusion proof verified: ${what}` : `inclusion proof FAILED: it does not lead from ${event} to the root of that tree: ${what}`, used: [tree] };
}

function checkConsistency(proof: Record<string, unknown>, held: readonly Held[], carried: Held | undefined): Outcome {
  const from = size(proof.from, 'from');
  const to = size(proof.to, 'to');
  const path = hashes(proof.proof, 'proof');
  const older = checkpointOf(held, from, 'the earlier tree, from');
  const newer = checkpointOf(carried ? [...held, carried] : held, to, 'the later tree, to');
  const holds = verifyConsistency(from, to, Buffer.from(older.checkpoint.rootHash, 'hex'), Buffer.from(newer.checkpoint.rootHash, 'hex'), path);
  const what = `the tree of ${to} events (root ${short(newer.checkpoint.rootHash)}, checkpoint ${newer.from}) extends the tree of ${from} events (root ${short(older.checkpoint.rootHash)}, checkpoint ${older.from})`;
  return { ok: holds, line: holds ? `consistency proof verified: ${what}` : `consistency proof FAILED: it does not show that ${what}`, used: [older, newer] };
}

function run(args: readonly string[]): number {
  const options = parseOptions(args, ['checkpoint', 'proof', 'public-key'], USAGE);
  const checkpointFiles = options.get('checkpoint') ?? [];
  const [proofFile, extraProof] = options.get('proof') ?? [];
  const [keyFile, extraKey] = options.get('public-key') ?? [];
  if (checkpointFiles.length === 0 || checkpointFiles.length > 2 || !proofFile || !keyFile || extraProof || extraKey) throw new CliError(USAGE);
  const publicKey: KeyObject = readPublicKeyFile(keyFile);
  const held = checkpointFiles.map(readHeld);
  const proof = readJsonFile(proofFile, 'the proof file');
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) throw new CliError(`the proof file ${proofFile} must hold a JSON object`);
  const document = proof as Record<string, unknown>;
  let carried: Held | undefined;
  if (document.checkpoint !== undefined) {
    const { checkpoint, problems } = parseCheckpoint(document.checkpoint);
    if (!checkpoint) throw new CliError(`the checkpoint the proof carries is not a checkpoint: ${problems.join('; ')}`);
    carried = { checkpoint, from: `carried by ${proofFile}` };
  }
  const kind = Array.isArray(document.auditPath) ? 'inclusion' : Array.isArray(document.proof) ? 'consistency' : undefined;
  if (!kind) throw new CliError(`the proof file ${proofFile} is neither an inclusion proof {leafIndex, treeSize, leafHash, auditPath} nor a consistency proof {from, to, proof}`);
  const outcome = kind === 'inclusion' ? checkInclusion(document, held) : checkConsistency(document, held, carried);
  // Only signed tree heads count: a checkpoint that does not verify proves nothing.
  const unsigned = outcome.used.find((h) => !checkpointSignatureHolds(h.checkpoint, publicKey));
  if (unsigned) {
    process.stdout.write(`${kind} proof not accepted: the checkpoint ${unsigned.from} does not verify with the public key ${keyFile} (signed by another key, or altered)\n`);
    return 1;
  }
  process.stdout.write(`${outcome.line}; checkpoint signature${outcome.used.length > 1 ? 's' : ''} verified with the key in ${keyFile}\n`);
  return outcome.ok ? 0 : 1;
}

try {
  process.exitCode = run(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
