import { DoubleLog } from './double-log.js';
import { DoubleNode } from './double-node.js';

export interface LeaderChange {
  /** The node to elect; by default the one after the current leader. */
  readonly to?: number;
  /**
   * Milliseconds without a leader before the new one takes over: every node answers "Server Is
   * Not Ready" meanwhile, as nodes do during elections. Default 0 (an instant hand-over).
   */
  readonly electionMs?: number;
  /** The old leader first resigns (ResigningLeader: reads served, writes not ready), as `ResignNode` makes it. */
  readonly resigning?: boolean;
}

/**
 * The nodes of the double and who leads them. One log (double-log.ts) is the leader's; every
 * write lands there, whichever node received it (a follower forwards writes that do not require
 * the leader). Followers receive each record `followerLagMs` after it was written, unless
 * replication is paused; a newly elected leader first catches up on the whole log (the node a
 * real cluster elects holds every acknowledged write).
 */
export class DoubleCluster {
  readonly log = new DoubleLog();
  readonly nodes: readonly DoubleNode[];
  private leading: number | undefined = 0;
  private paused = false;
  private readonly timers = new Set<NodeJS.Timeout>();
  private changing: Promise<void> = Promise.resolve();

  constructor(
    size: number,
    private readonly followerLagMs: number,
  ) {
    this.nodes = Array.from({ length: size }, (_, i) => new DoubleNode(i, this.log, i === 0 ? 'leader' : 'follower'));
    this.log.onWrite(() => this.replicate());
  }

  /** The leader, or undefined during an election. */
  leader(): DoubleNode | undefined {
    return this.leading === undefined ? undefined : this.nodes[this.leading];
  }

  /** Elects another leader (see {@link LeaderChange}); changes run one after the other. */
  changeLeader(change: LeaderChange = {}): Promise<void> {
    this.changing = this.changing.then(() => this.runChange(change));
    return this.changing;
  }

  /** Followers stop receiving records until {@link resumeReplication}. */
  pauseReplication(): void {
    this.paused = true;
  }

  resumeReplication(): void {
    this.paused = false;
    for (const node of this.nodes) node.catchUpTo(this.log.end());
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  private async runChange({ to, electionMs = 0, resigning = false }: LeaderChange): Promise<void> {
    const old = this.leading ?? 0;
    const next = to ?? (old + 1) % this.nodes.length;
    if (resigning && this.leading !== undefined) this.nodes[old].state = 'resigning';
    if (electionMs > 0) {
      await delay(electionMs / (resigning ? 2 : 1));
      this.leading = undefined;
      for (const node of this.nodes) node.state = 'electing';
      if (resigning) await delay(electionMs / 2);
    }
    for (const node of this.nodes) node.state = 'follower';
    this.nodes[next].catchUpTo(this.log.end());
    this.nodes[next].state = 'leader';
    this.leading = next;
  }

  /** The leader holds every record at once; followers get it after the lag. */
  private replicate(): void {
    const end = this.log.end();
    this.leader()?.catchUpTo(end);
    if (this.paused) return;
    const followers = this.nodes.filter((node) => node !== this.leader());
    if (followers.length === 0) return;
    if (this.followerLagMs <= 0) {
      for (const node of followers) node.catchUpTo(end);
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (!this.paused) for (const node of followers) node.catchUpTo(end);
    }, this.followerLagMs);
    timer.unref();
    this.timers.add(timer);
  }
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
