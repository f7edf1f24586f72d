import { parentPort } from 'node:worker_threads';
import { hexOf } from '../../common/merkle/merkle-hash.js';
import { MerkleTree } from '../../common/merkle/merkle-tree.js';
import type { LogTreeReply, LogTreeRequest } from './log-tree.messages.js';

/**
 * The log's Merkle tree built on its own thread while verification reads and hashes the log on
 * the main one (log-tree.builder.ts): leaves come in chunks of 32-byte entries, in log order, and
 * the roots asked for are answered once every chunk sent before the question is in the tree.
 */
const tree = new MerkleTree();

parentPort?.on('message', (request: LogTreeRequest) => {
  switch (request.kind) {
    case 'entries':
      for (let offset = 0; offset < request.length; offset += 32) tree.append(request.entries.subarray(offset, offset + 32));
      return;
    case 'entry':
      tree.append(request.entry);
      return;
    case 'roots': {
      const reply: LogTreeReply = { roots: request.sizes.map((size) => (size <= tree.size ? hexOf(tree.root(size)) : undefined)), size: tree.size };
      parentPort?.postMessage(reply);
      return;
    }
  }
});
