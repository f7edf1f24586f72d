import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { HashColumns } from '../common/merkle/hash-columns.js';
import { MerkleTree } from '../common/merkle/merkle-tree.js';
import { controlOf, DONE, FAILED, PUBLISHED, RUNNING, SLEEPING, STATE, type GrowerData, type ToWorker } from './tree-grower.messages.js';

/**
 * The log's Merkle tree grown on its own thread (tree-grower.ts): the main thread writes each
 * event's entry (its chain hash's 32 bytes) into a shared column and counts it published; this
 * thread hashes the leaves and the subtrees they close into the shared levels and counts them
 * done. It never returns to its event loop: it waits on the published count (Atomics.wait) and
 * takes the messages it needs synchronously. While events keep coming it looks for more each
 * millisecond (the main thread then only counts them: no wake-up per event), and after 50 ms
 * without any it sleeps until the main thread wakes it. Leaves are published done every {@link PROGRESS_EVERY}
 * so that a long catch-up shows progress to a reader waiting for an early size.
 */
const PROGRESS_EVERY = 4096;
/** While events keep coming, the worker looks for more every millisecond, for up to 50 ms, before it sleeps until woken. */
const LOOK_AGAIN_MS = 1;
const LOOK_AGAIN_TIMES = 50;

const data = workerData as GrowerData;
const { counts, flags } = controlOf(data.control);
const odd = new Map<number, Uint8Array>();
/** Takes every message the main thread has posted: chunks it allocated (entries, levels) and odd entries. */
const drain = (): undefined => {
  for (let next = receiveMessageOnPort(data.fromMain); next; next = receiveMessageOnPort(data.fromMain)) {
    const message = next.message as ToWorker;
    if (message.kind === 'chunk') entries.adopt(message);
    else if (message.kind === 'level') levels.adopt(message);
    else odd.set(message.index, message.entry);
  }
  return undefined;
};
const entries = new HashColumns(data.chunkHashes, {
  send: () => {
    throw new Error('the tree worker never writes entries');
  },
  receive: drain,
});
const levels = new HashColumns(data.chunkHashes, { send: (chunk) => data.toMain.postMessage(chunk), receive: drain });
for (const chunk of data.levels) levels.adopt(chunk);
const tree = new MerkleTree(levels);
tree.grownTo(data.size);

function grow(): void {
  let idle = 0;
  for (;;) {
    const published = Number(Atomics.load(counts, PUBLISHED));
    if (tree.size >= published) {
      if (Atomics.load(flags, STATE) !== RUNNING) return;
      if (idle < LOOK_AGAIN_TIMES) {
        // Recently busy: look again in a moment rather than be woken per event (a wake is a
        // system call on the main thread); a reader that needs a leaf sooner wakes this wait.
        idle++;
        Atomics.wait(counts, PUBLISHED, BigInt(published), LOOK_AGAIN_MS);
        continue;
      }
      Atomics.store(flags, SLEEPING, 1);
      // Looked at again once asleep is announced: the main thread wakes a sleeper only, so an entry published in between is seen here.
      if (Number(Atomics.load(counts, PUBLISHED)) === published && Atomics.load(flags, STATE) === RUNNING) Atomics.wait(counts, PUBLISHED, BigInt(published));
      Atomics.store(flags, SLEEPING, 0);
      continue;
    }
    // Every message of the entries published so far was posted before they were counted.
    drain();
    // Leaves the main thread hashed itself while this one had nothing to do (counted done before published).
    const doneThere = Number(Atomics.load(counts, DONE));
    if (doneThere > tree.size) tree.grownTo(doneThere);
    // Nothing left: the main thread hashed them. Then DONE is not this thread's to write (the main
    // thread may be counting its next leaf done right now): it is only while entries wait for this
    // one (the main thread hashes only when DONE has reached every entry published).
    if (tree.size >= published) continue;
    idle = 0;
    while (tree.size < published) {
      const leaf = tree.size;
      const entry = odd.get(leaf);
      if (entry === undefined) tree.append(entries.node(0, leaf));
      else {
        tree.append(entry);
        odd.delete(leaf);
      }
      // Not at the last leaf: that count is the batch's, below, written once.
      if (tree.size % PROGRESS_EVERY === 0 && tree.size < published) done();
    }
    done();
  }
}

function done(): void {
  Atomics.store(counts, DONE, BigInt(tree.size));
  Atomics.notify(counts, DONE);
}

try {
  grow();
} catch (error) {
  // The main thread takes over from the last leaf counted done (tree-grower.ts).
  Atomics.store(flags, STATE, FAILED);
  Atomics.notify(counts, DONE);
  throw error;
}
