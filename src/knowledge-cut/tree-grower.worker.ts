import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { HashColumns } from '../common/merkle/hash-columns.js';
import { MerkleTree } from '../common/merkle/merkle-tree.js';
import { EventIdIndex } from './event-id.index.js';
import { ID_TEXT_BYTES } from './id-tail.js';
import { controlOf, DONE, FAILED, HASHING, MAIN, NOBODY, PUBLISHED, RUNNING, SIGNAL, SLEEPING, STATE, WORKER, type Find, type Found, type GrowerData, type ToWorker } from './tree-grower.messages.js';

/**
 * The log's Merkle tree grown on its own thread (tree-grower.ts): the main thread writes each
 * event's entry (its chain hash's 32 bytes) into a shared column and counts it published; this
 * thread hashes the leaves and the subtrees they close into the shared levels and counts them
 * done. It never returns to its event loop: it waits on the published count (Atomics.wait) and
 * takes the messages it needs synchronously. While events keep coming it looks for more each
 * millisecond (the main thread then only counts them: no wake-up per event; a read that needs
 * leaves it has not taken yet hashes them on the main thread: HASHING in tree-grower.messages.ts),
 * and after 50 ms without any it sleeps until the main thread wakes it. Leaves are published done every {@link PROGRESS_EVERY}
 * so that a long catch-up shows progress to a reader waiting for an early size. Whenever it has no
 * leaf to hash, it indexes the ids of the leaves published (the main thread only copies their
 * text: parsing them and placing them in the index costs about 1 µs an event) and answers the
 * main thread's questions by id, after indexing up to the size each was asked at.
 */
const PROGRESS_EVERY = 4096;
/** While events keep coming, the worker looks for more every millisecond, for up to 50 ms, before it sleeps until woken. */
const LOOK_AGAIN_MS = 1;
const LOOK_AGAIN_TIMES = 50;

const data = workerData as GrowerData;
const { counts, flags } = controlOf(data.control);
const odd = new Map<number, Uint8Array>();
const oddIds = new Map<number, string>(data.oddIds);
const finds: Find[] = [];
/** Takes every message the main thread has posted: chunks it allocated (entries, ids, levels), odd entries and ids, questions. */
const drain = (): undefined => {
  for (let next = receiveMessageOnPort(data.fromMain); next; next = receiveMessageOnPort(data.fromMain)) {
    const message = next.message as ToWorker;
    if (message.kind === 'chunk') entries.adopt(message);
    else if (message.kind === 'ids') idTexts.adopt(message);
    else if (message.kind === 'level') levels.adopt(message);
    else if (message.kind === 'entry') odd.set(message.index, message.entry);
    else if (message.kind === 'id') oddIds.set(message.index, message.id);
    else finds.push(message);
  }
  return undefined;
};
const neverWritten = (): never => {
  throw new Error('the tree worker never writes entries or ids');
};
const entries = new HashColumns(data.chunkHashes, { send: neverWritten, receive: drain });
const idTexts = new HashColumns(data.chunkHashes, { send: neverWritten, receive: drain }, ID_TEXT_BYTES);
for (const chunk of data.idChunks) idTexts.adopt(chunk);
const ids = EventIdIndex.from(data.ids);
const levels = new HashColumns(data.chunkHashes, { send: (chunk) => data.toMain.postMessage(chunk), receive: drain });
for (const chunk of data.levels) levels.adopt(chunk);
const tree = new MerkleTree(levels);
tree.grownTo(data.size);

/** Indexes the ids of the leaves up to `size` (all published: their text is in the column, or came whole). */
function indexIds(size: number): void {
  for (let leaf = ids.size; leaf < size; leaf++) {
    const id = oddIds.get(leaf);
    if (id === undefined) ids.add(idTexts.text(0, leaf));
    else {
      ids.add(id);
      oddIds.delete(leaf);
    }
  }
}

/** Answers the questions received so far. */
function answer(): void {
  for (const find of finds.splice(0)) {
    indexIds(find.size);
    const found: Found = { request: find.request, leaf: ids.find(find.id) };
    data.answers.postMessage(found);
  }
}

function grow(): void {
  let idle = 0;
  for (;;) {
    // Read before anything is looked at: a signal given after this makes the wait below return at once.
    const signal = Atomics.load(flags, SIGNAL);
    const published = Number(Atomics.load(counts, PUBLISHED));
    // Every message of the entries published so far was posted before they were counted.
    drain();
    takeDone();
    if (tree.size >= published) {
      if (Atomics.load(flags, STATE) !== RUNNING) return;
      answer();
      indexIds(published); // the ids of every leaf published so far, whoever hashed it, while there is time
      if (idle < LOOK_AGAIN_TIMES) {
        // Recently busy: look again in a moment rather than be woken per event (a wake is a
        // system call on the main thread); a reader that needs a leaf sooner hashes it itself.
        idle++;
        Atomics.wait(flags, SIGNAL, signal, LOOK_AGAIN_MS);
        continue;
      }
      Atomics.store(flags, SLEEPING, 1);
      // Looked at again once asleep is announced: the main thread signals a sleeper only, so an entry published in between is seen here.
      if (Number(Atomics.load(counts, PUBLISHED)) === published && Atomics.load(flags, STATE) === RUNNING) Atomics.wait(flags, SIGNAL, signal);
      Atomics.store(flags, SLEEPING, 0);
      continue;
    }
    if (Atomics.compareExchange(flags, HASHING, NOBODY, WORKER) !== NOBODY) {
      // A reader on the main thread is hashing the leaves it needs: look again once it is done.
      Atomics.wait(flags, HASHING, MAIN, LOOK_AGAIN_MS);
      continue;
    }
    idle = 0;
    // Whatever the main thread hashed up to the moment it gave HASHING back (tree-grower.messages.ts).
    drain();
    takeDone();
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
    Atomics.store(counts, DONE, BigInt(tree.size));
    Atomics.store(flags, HASHING, NOBODY);
    Atomics.notify(counts, DONE); // after HASHING is free: a reader it wakes may take it
    answer(); // not only when idle: events that keep coming would keep a question waiting
  }
}

/** Leaves the main thread hashed itself (counted done, beyond this thread's tree). */
function takeDone(): void {
  const doneThere = Number(Atomics.load(counts, DONE));
  if (doneThere > tree.size) tree.grownTo(doneThere);
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
