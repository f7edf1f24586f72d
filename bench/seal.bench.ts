import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BATCHED, makeEvent, plan, SINGLE, type Workload } from './event-store.bench.js';
import { verifyAgainstCheckpoint } from '../src/audit/verification/checkpoint-verification.js';
import { uuidv7 } from '../src/common/ids.js';
import { signTreeHead } from '../src/common/merkle/checkpoint.js';
import { EMPTY_TREE_HASH, leafHash, nodeHash, splitPoint } from '../src/common/merkle/merkle-hash.js';
import { verifyChains } from '../src/event-store/chain-verification.js';
import { createEventStore } from '../src/event-store/event-store.factory.js';
import type { EventStore, EventToAppend, RecordedEvent, Subscription } from '../src/event-store/event-store.port.js';
import { LogWatermark } from '../src/event-store/log-watermark.js';
import { KnowledgeCuts } from '../src/knowledge-cut/knowledge-cuts.js';
import { LedgerTree } from '../src/knowledge-cut/ledger-tree.js';
import { RecordedAtIndex } from '../src/knowledge-cut/recorded-at.index.js';
import { LegalityProjections } from '../src/legality/projections/legality.projections.js';
import { runWhenMain } from './run-when-main.js';

/**
 * The sealed log (docs/api.md §9), each figure beside its baseline in the same run (absolute
 * figures drift ±15–25% between runs on these machines; ratios in one run do not):
 * - appends through the SQLite adapter while the read model's subscription follows the log, as
 *   the ledger runs it (LegalityProjectionRunner: the legality projections, then KnowledgeCuts,
 *   which also grows the log's Merkle tree: leaf hash, the subtrees it completes, the event id
 *   index), against the same without the tree (the knownAt index and the watermark alone). The
 *   append itself does nothing for the tree: the subscription hands each event's chain hash to
 *   the tree, whose hashing runs on a worker thread (src/knowledge-cut/tree-grower.ts) from 1,024
 *   events on (or on the reading thread, for leaves a read needs before the worker took them); what is timed is until the subscription has the last event of a turn and the tree
 *   is complete up to it (its root computed), so a worker that falls behind counts. Target: ≥ 0.9× (1 and 100 events per append), the median of the ratios of 7 rounds (after one that warms up),
 *   each round the two variants taking the same appends in alternating turns (appendPairs).
 * - an inclusion and a consistency proof in a tree of 1,000,000 events, from the stored subtree
 *   hashes, against the same proof recomputed from the 1,000,000 leaf hashes (RFC 9162's
 *   definition, what a tree without stored subtrees must do). Target: < 5 ms each (the 99th
 *   percentile of 1,000 random proofs of each kind; the median and the worst are shown too).
 * - verifying a 1,000,000-event SQLite log against a checkpoint of it (`npm run verify --
 *   --checkpoint`: signature, every hash chain, the root, the log's seals), against today's
 *   `npm run verify` (the hash chains alone) on the same file. Target: ≥ 100,000 events/s.
 */

/** Rounds per workload after the warm-up: 1 event per append spreads 0.86–0.98 between rounds, so a median of 5 moved by 0.03 between runs. */
const APPEND_ROUNDS = 7;
/** Events per turn of the interleaved append runs (appendPairs): about a tenth of a second each. */
const TURN_EVENTS = 1000;
const PROOF_TREE = 1_000_000;
const PROOFS = 1_000;
const VERIFY_LOG = 1_000_000;

const seconds = (started: number): number => (performance.now() - started) / 1000;
/**
 * Nanoseconds this thread has run on a CPU (Linux: /proc/thread-self/schedstat), 0 elsewhere:
 * unlike elapsed time, it does not move with what else the machine runs, and it leaves out what
 * other threads (the tree's worker) do.
 */
const threadCpuNs = (): number => {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]);
  } catch {
    return 0;
  }
};
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const format = (n: number): string => Math.round(n).toLocaleString('en-US');

/** What follows a store's log: each event in order; `settle`, timed at the end of each turn, finishes what runs beside (the tree's worker thread); `close` ends it. */
interface Following {
  readonly follow: (event: RecordedEvent) => void;
  readonly settle?: () => void;
  readonly close?: () => Promise<void>;
}
type Follower = (store: EventStore) => Following;

/** A store with a subscription following its log, as the ledger runs one: appends are timed until the follower has them. */
class FollowedStore {
  private delivered = 0;
  private waiting: { count: number; resolve: () => void } | undefined;
  private elapsedMs = 0;
  private cpuNs = 0;

  private subscription: Subscription | undefined;

  private constructor(
    private readonly store: EventStore,
    private readonly following: Following,
  ) {}

  static async open(path: string, follower: Follower): Promise<FollowedStore> {
    const store = await createEventStore(`sqlite:${path}`);
    const following = follower(store);
    const followed = new FollowedStore(store, following);
    followed.subscription = store.subscribeToAll({ from: 'start' }, (event) => {
      following.follow(event);
      followed.deliveredOne();
    });
    await followed.subscription.caughtUp;
    return followed;
  }

  /** Appends, then waits until the subscription has delivered everything appended so far and the follower has settled; the time counts. */
  async appendFollowed(appends: readonly { stream: string; events: EventToAppend[] }[], eventsSoFar: number): Promise<void> {
    const started = performance.now();
    const cpu = threadCpuNs();
    for (const { stream, events } of appends) await this.store.append(stream, events);
    if (this.delivered < eventsSoFar) await new Promise<void>((resolve) => (this.waiting = { count: eventsSoFar, resolve }));
    this.following.settle?.();
    this.elapsedMs += performance.now() - started;
    this.cpuNs += threadCpuNs() - cpu;
  }

  get seconds(): number {
    return this.elapsedMs / 1000;
  }

  /** Microseconds of this (the main) thread's CPU per event, over `events`. */
  cpuPerEvent(events: number): number {
    return this.cpuNs / 1000 / events;
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
    await this.following.close?.();
    await this.store.close();
  }

  private deliveredOne(): void {
    if (++this.delivered === this.waiting?.count) {
      this.waiting.resolve();
      this.waiting = undefined;
    }
  }
}

/** The read model as LegalityProjectionRunner feeds it: the projections, then KnowledgeCuts (the knownAt index, the tree, the watermark). */
const withTree: Follower = (store) => {
  const projections = new LegalityProjections();
  const cuts = new KnowledgeCuts(store);
  return {
    follow: (event) => {
      projections.apply(event);
      cuts.advance(event);
    },
    // The tree complete up to the last event (its worker thread done with every leaf): what a seal at the head waits for.
    settle: () => void cuts.tree.rootHash(),
    close: () => cuts.onModuleDestroy(),
  };
};
/** The same without the tree: what KnowledgeCuts.advance does but the tree (the knownAt index and the watermark). */
const withoutTree: Follower = () => {
  const projections = new LegalityProjections();
  const recordedAt = new RecordedAtIndex();
  const watermark = new LogWatermark();
  return {
    follow: (event) => {
      projections.apply(event);
      recordedAt.add(event.position, event.recordedAt);
      watermark.advance(event.position);
    },
  };
};

/**
 * One workload with the tree and without it, {@link APPEND_ROUNDS} times on fresh files after a round that warms up (not counted). Within a
 * round the two stores take the same appends in turns of {@link TURN_EVENTS} events, the one that
 * goes first alternating, each turn timed until its subscription has delivered it: the machine's
 * load (shared, drifting over seconds) then falls on both alike, and the time of each variant is
 * the sum of its turns. The figure is the median of the rounds' ratios (median rates beside it).
 */
async function appendPairs(dir: string, name: string, workload: Workload): Promise<string> {
  const rates = { tree: [] as number[], plain: [] as number[] };
  const cpu = { tree: [] as number[], plain: [] as number[] };
  const ratios: number[] = [];
  const appends = plan(workload);
  const perTurn = Math.max(1, Math.floor(TURN_EVENTS / workload.perAppend));
  let warmUp = 0;
  // Round -1 warms up: the first turns of a workload's first round compile its code paths, which
  // fell on whichever store went first (the same store then, every time): with the same follower
  // on both stores, that round's ratio came out 0.97–0.98 and the later ones 0.99–1.00.
  for (let round = -1; round < APPEND_ROUNDS; round++) {
    const files = [join(dir, `${name}-tree-${round}.sqlite`), join(dir, `${name}-plain-${round}.sqlite`)];
    const tree = await FollowedStore.open(files[0], withTree);
    const plain = await FollowedStore.open(files[1], withoutTree);
    gc();
    for (let turn = 0, from = 0; from < appends.length; turn++, from += perTurn) {
      const batch = appends.slice(from, from + perTurn);
      const eventsSoFar = Math.min(from + perTurn, appends.length) * workload.perAppend;
      // Who goes first alternates by turn, and by round at the first turn too.
      for (const store of (turn + round) % 2 === 0 ? [tree, plain] : [plain, tree]) await store.appendFollowed(batch, eventsSoFar);
    }
    await tree.close();
    await plain.close();
    for (const file of files) for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    if (round < 0) {
      warmUp = plain.seconds / tree.seconds;
      continue;
    }
    rates.tree.push(workload.events / tree.seconds);
    rates.plain.push(workload.events / plain.seconds);
    cpu.tree.push(tree.cpuPerEvent(workload.events));
    cpu.plain.push(plain.cpuPerEvent(workload.events));
    ratios.push(plain.seconds / tree.seconds);
  }
  process.stdout.write(`  appends, ${name}: ratios ${ratios.map((r) => r.toFixed(2)).join(' ')} (warm-up round, not counted: ${warmUp.toFixed(2)}); main thread CPU per event ${median(cpu.tree).toFixed(1)} µs with the tree, ${median(cpu.plain).toFixed(1)} µs without (medians)\n`);
  const spread = `ratios of ${APPEND_ROUNDS} rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
  const label = `append, ${workload.perAppend === 1 ? '1 event' : `${workload.perAppend} events`} per append (${format(workload.events)} events), events/s (median; ${spread})`;
  return row(label, median(rates.tree), median(rates.plain), '≥ 0.9×', (r) => r >= 0.9, 0, median(ratios));
}

async function appendBench(dir: string): Promise<string[]> {
  return [await appendPairs(dir, 'single', SINGLE), await appendPairs(dir, 'batched', BATCHED)];
}

/** MTH of leaves [start, start+n) from the leaf hashes alone (32 bytes each in one column): what a proof costs without stored subtrees. */
function recomputed(leaves: Uint8Array, start: number, n: number): Uint8Array {
  if (n === 0) return EMPTY_TREE_HASH;
  if (n === 1) return leaves.subarray(start * 32, start * 32 + 32);
  const k = splitPoint(n);
  return nodeHash(recomputed(leaves, start, k), recomputed(leaves, start + k, n - k));
}

/** PATH(m, D[n]) recomputed from the leaves. */
function recomputedPath(leaves: Uint8Array, m: number, n: number): Uint8Array[] {
  const path: Uint8Array[] = [];
  for (let start = 0; n > 1; ) {
    const k = splitPoint(n);
    if (m < k) {
      path.push(recomputed(leaves, start + k, n - k));
      n = k;
    } else {
      path.push(recomputed(leaves, start, k));
      start += k;
      m -= k;
      n -= k;
    }
  }
  return path.reverse();
}

/** Milliseconds of each of `count` calls: the 99th percentile, the median and the worst. */
function timings(count: number, call: () => void): { p99: number; median: number; worst: number } {
  gc();
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    call();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { p99: times[Math.floor(count * 0.99)], median: times[Math.floor(count / 2)], worst: times[count - 1] };
}

async function proofBench(): Promise<string[]> {
  const tree = new LedgerTree();
  // Columns rather than a million small objects, so that the collector has little to walk while proofs are timed.
  const entries = randomBytes(PROOF_TREE * 32);
  const leaves = Buffer.alloc(PROOF_TREE * 32);
  const started = performance.now();
  for (let i = 0; i < PROOF_TREE; i++) {
    const entry = entries.subarray(i * 32, i * 32 + 32);
    leaves.set(leafHash(entry), i * 32);
    tree.add({ id: uuidv7(), position: BigInt(i + 1), recordedAt: new Date(1_700_000_000_000 + i), hash: entry.toString('hex') });
  }
  tree.rootHash(); // complete: the worker thread done with every leaf
  process.stdout.write(`  proofs: a tree of ${format(PROOF_TREE)} events built in ${seconds(started).toFixed(1)} s\n`);
  const random = (below: number): number => Math.floor(Math.random() * below);
  const inclusion = timings(PROOFS, () => {
    const size = PROOF_TREE - random(1000);
    tree.inclusionProof(random(size), size);
  });
  const consistency = timings(PROOFS, () => {
    const to = PROOF_TREE - random(1000);
    tree.consistencyProof(1 + random(to - 1), to);
  });
  // The baseline, once: the same proofs from the 1,000,000 leaf hashes.
  let t = performance.now();
  recomputedPath(leaves, random(PROOF_TREE), PROOF_TREE);
  const inclusionBaseline = performance.now() - t;
  t = performance.now();
  recomputed(leaves, 0, PROOF_TREE);
  const consistencyBaseline = performance.now() - t; // at least the new root, whatever the proof
  await tree.close();
  const label = (kind: string, figures: { median: number; worst: number }) =>
    `${kind} proof at ${format(PROOF_TREE)} events, ms: 99th percentile of ${format(PROOFS)} (median ${figures.median.toFixed(3)}, worst ${figures.worst.toFixed(3)})`;
  return [
    row(label('inclusion', inclusion), inclusion.p99, inclusionBaseline, '< 5 ms', () => inclusion.p99 < 5, 3),
    row(label('consistency', consistency), consistency.p99, consistencyBaseline, '< 5 ms', () => consistency.p99 < 5, 3),
  ];
}

async function fill(store: EventStore, events: number): Promise<void> {
  for (let n = 0; n < events; n += 500) {
    await store.append(
      `transfer-${(n / 500) % 2000}`,
      Array.from({ length: Math.min(500, events - n) }, (_, i) => makeEvent(n + i)),
    );
  }
}

async function verifyBench(dir: string): Promise<string[]> {
  const path = join(dir, 'verify.sqlite');
  let store = await createEventStore(`sqlite:${path}`);
  let started = performance.now();
  await fill(store, VERIFY_LOG);
  process.stdout.write(`  verify: a log of ${format(VERIFY_LOG)} events written in ${seconds(started).toFixed(1)} s\n`);
  const tree = new LedgerTree();
  for (let from = 0n; ; ) {
    const page = await store.readAll({ fromPosition: from, maxCount: 10_000 });
    for (const event of page) tree.add(event);
    if (page.length < 10_000) break;
    from = page[page.length - 1].position + 1n;
  }
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const last = tree.size - 1;
  const checkpoint = signTreeHead(
    { treeSize: tree.size, rootHash: tree.rootHash(), position: tree.positionOf(last).toString(10), timestamp: tree.recordedAtOf(last).toISOString() },
    privateKey,
  );
  await tree.close();
  await store.close();
  // Each on a freshly opened store, as the CLI opens one.
  store = await createEventStore(`sqlite:${path}`);
  gc();
  started = performance.now();
  const chains = await verifyChains(store);
  const chainRate = chains.eventsChecked / seconds(started);
  await store.close();
  store = await createEventStore(`sqlite:${path}`);
  gc();
  started = performance.now();
  const verified = await verifyAgainstCheckpoint(store, checkpoint, publicKey);
  const checkpointRate = VERIFY_LOG / seconds(started);
  await store.close();
  // The chains as every event was checked before stored text: parsed by readAll, re-encoded, hashed (as on EventStoreDB).
  store = await createEventStore(`sqlite:${path}`);
  const parsedOnly: EventStore = Object.assign(Object.create(store) as EventStore, { readAllStored: undefined });
  gc();
  started = performance.now();
  const parsedChains = await verifyChains(parsedOnly);
  const parsedRate = parsedChains.eventsChecked / seconds(started);
  await store.close();
  if (!verified.ok || !chains.ok || !parsedChains.ok) throw new Error(`the bench log did not verify: ${verified.problem?.detail ?? chains.firstProblem?.detail}`);
  return [
    row(`verify a ${format(VERIFY_LOG)}-event log against a checkpoint (baseline: chains only), events/s`, checkpointRate, chainRate, '≥ 100,000/s', () => checkpointRate >= 100_000),
    row(`verify the chains alone, stored text hashed as stored (baseline: every event parsed and re-encoded), events/s`, chainRate, parsedRate, 'faster', (r) => r > 1),
  ];
}

/** A table row: the figure, its baseline, their ratio (unless measured otherwise), and whether the target is met. */
function row(workload: string, figure: number, baseline: number, target: string, met: (ratio: number) => boolean, digits = 0, ratio = figure / baseline): string {
  const show = (n: number): string => (digits === 0 ? format(n) : n.toFixed(digits));
  return `| ${workload} | ${show(figure)} | ${show(baseline)} | ${ratio.toFixed(digits === 0 ? 2 : 4)} | ${target} ${met(ratio) ? 'met' : 'NOT MET'} |`;
}

export async function runSealBench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'seal-bench-'));
  try {
    process.stdout.write(`sealed log bench: the Merkle tree, proofs and checkpoint verification beside their baselines, files in ${tmpdir()}\n`);
    const rows = [...(await appendBench(dir)), ...(await proofBench()), ...(await verifyBench(dir))];
    process.stdout.write('\n| workload | with the tree | baseline | ratio | target |\n| --- | ---: | ---: | ---: | --- |\n');
    for (const line of rows) process.stdout.write(`${line}\n`);
    process.stdout.write(
      '(appends: the read model with the tree vs without it, medians; proofs: from stored subtrees vs recomputed from the leaves; verification: against a checkpoint vs the chains alone)\n\n',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

runWhenMain(import.meta.url, runSealBench);
