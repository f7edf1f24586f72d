import type { DoubleLog, LogRecord } from './double-log.js';

/**
 * One node's state as ClusterVNodeController knows it, reduced to what clients can tell apart:
 * `leader` serves everything; `follower` serves reads from its own copy and forwards writes
 * unless the request requires the leader; `resigning` (ResigningLeader) still serves reads but
 * refuses writes as not ready; `electing` (Unknown, PreLeader, … while elections run) refuses
 * every request as not ready.
 */
export type NodeState = 'leader' | 'follower' | 'resigning' | 'electing';

type Listener = (record: LogRecord) => void;

/**
 * A node's copy of the log: the leader's log up to `end()` (exclusive). The leader's copy is
 * always whole; a follower's lags behind by replication. Reads and subscriptions on a node see
 * its copy only, as a real node serves them from its own storage.
 */
export class DoubleNode {
  state: NodeState;
  private copyEnd: bigint;
  private readonly listeners = new Set<Listener>();

  constructor(
    readonly index: number,
    private readonly log: DoubleLog,
    state: NodeState,
  ) {
    this.state = state;
    this.copyEnd = log.end();
  }

  /** The position just past the last record this node holds. */
  end(): bigint {
    return this.copyEnd;
  }

  /** How many records of the log this node holds. */
  size(): number {
    return this.log.countBefore(this.copyEnd);
  }

  /** The log's record at `index` (log order), if this node holds it. */
  record(index: number): LogRecord | undefined {
    return index < this.size() ? this.log.all()[index] : undefined;
  }

  /** The stream as this node holds it. */
  stream(name: string): readonly LogRecord[] {
    const records = this.log.stream(name);
    const last = records[records.length - 1];
    return last === undefined || last.position < this.copyEnd ? records : records.filter((record) => record.position < this.copyEnd);
  }

  /** Replication: this node now holds the log up to `end`; subscribers on it see the new records in order. */
  catchUpTo(end: bigint): void {
    if (end <= this.copyEnd) return;
    const from = this.size();
    this.copyEnd = end;
    const to = this.size();
    const records = this.log.all();
    for (let i = from; i < to; i++) for (const listener of [...this.listeners]) listener(records[i]);
  }

  /** Calls the listener for every record this node receives from now on, in log order. */
  onRecord(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
