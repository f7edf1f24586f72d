/**
 * An in-process EventStoreDB protocol double: gRPC servers on 127.0.0.1 built on the service
 * definitions generated inside `@eventstore/db-client`, so the real client talks to it exactly as
 * it talks to a server (`esdb://127.0.0.1:<port>?tls=false`, a node list, or `esdb+discover://`).
 *
 * Checked against the EventStoreDB v24.10.4 server source (EventStore/EventStore, tag v24.10.4):
 * ClusterVNodeController.cs (who serves what in which node state), Streams.Read/Append/
 * BatchAppend.cs, Enumerator.ReadAllForwards/AllSubscription.cs, StorageReaderWorker.cs and
 * TFChunkReadSide.cs (reads from positions), IndexWriter.cs (idempotent appends), Event.cs
 * (append size), RpcExceptions.cs (error statuses), SubscriptionsService.cs, Operations.Admin.cs.
 *
 * What it emulates:
 * - Streams.Append and Streams.BatchAppend with expected revisions (any / no_stream /
 *   stream_exists / exact) and WrongExpectedVersion answers; the server's idempotency checks: an
 *   exact or no_stream revision behind the stream's end whose following events carry the same
 *   ids is answered with success and the stored events' revision and position, *whatever the
 *   content* (permanent: it reads the stream); any / stream_exists repeats are recognised only
 *   among recently written ids (the rest is written again); partial overlaps are wrong
 *   expected versions. MaxAppendSize counted as the server counts it (data + metadata + 2 × type
 *   length per event), answered with the server's error on each API.
 * - Streams.Read of a stream (forwards, backwards, from a revision; a missing stream is a
 *   StreamNotFound message), of $all (forwards from a position *including* it, backwards from the
 *   end or from a position); a position inside a record fails the read as the server does
 *   (UNKNOWN "Unexpected ReadAllResult: InvalidPosition"), one past the last record reads nothing.
 * - Subscriptions to $all: confirmation → stored events strictly *after* the start → caught-up →
 *   live; a start at or after the last event goes live without a read (no leader or position
 *   check then); a start inside a record fails (INVALID_ARGUMENT "Trying to read from an invalid
 *   position."); event-type and stream-name filters. Reads and catch-up wait for the client
 *   (backpressure), as the server's bounded channels do.
 * - Log positions with gaps where commit = prepare, as a real server reports for gRPC appends;
 *   system events (`$settings`, `$statsCollected`) in $all, also written between client appends;
 *   events of any content type, including non-JSON and malformed JSON (`writeRaw`).
 * - One node or three (`nodes: 3`): one leader, followers serving reads from their own copy,
 *   which receives each record `followerLagMs` after it was written (or not at all while
 *   replication is paused). `requires-leader: true` on a follower gets NotLeader with the
 *   leader's address (the client reconnects there); without it a follower answers from its copy
 *   and forwards writes. A leader change (`changeLeader()`, or Operations.ResignNode on the
 *   leader) may pass through ResigningLeader (reads served, writes not ready) and an election
 *   (every request "Server Is Not Ready"; BatchAppend answers that per append with an error the
 *   6.2.1 client reports as UnknownError "Could not recognize Server Is Not Ready"). Gossip.Read
 *   on every node lists every node with its state. Live subscriptions carry on across a leader
 *   change on the node they are on, from its (now lagging) copy.
 * - ServerFeatures (advertising BatchAppend in `batch-append` mode, absent — UNIMPLEMENTED, like
 *   an old server — in `append-only` mode); `stop()` / `restart()` of every node (UNAVAILABLE in
 *   between); `loseNextAppendAnswer()`: the next append is written and its answer lost.
 *
 * What it does NOT emulate: persistence to disk (data lives in memory and survives `restart()`,
 * not the process); authentication, ACLs and TLS (so no access-denied answers); elections by
 * gossip, quorum writes, a former leader truncating writes it never replicated (offline
 * truncation), read-only replicas, node priorities; projections, persistent subscriptions,
 * subscriptions to a single stream, stream deletion, tombstones, stream metadata ($maxAge,
 * $maxCount, truncation) and scavenging (so no scavenged chunk, where a read from inside a
 * record would find the next one); explicit transactions (where commit ≠ prepare); filter
 * checkpoints, `fellBehind` and the live channel's bound (live events queue without limit);
 * deadlines; the server's own validation of event types and ids; MaxAppendEventSize.
 */
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import featuresGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import featuresPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import operationsGrpc from '@eventstore/db-client/generated/operations_grpc_pb.js';
import { DoubleCluster, type LeaderChange } from './double-cluster.js';
import type { ProposedEvent } from './double-log.js';
import type { DoubleNode, NodeState } from './double-node.js';
import { streamsService, type AppendCalls } from './streams-service.js';
import { sharedPb } from './wire.js';

export type { AppendCalls } from './streams-service.js';
export type { ProposedEvent } from './double-log.js';

export interface EsdbDoubleOptions {
  /** `batch-append`: a server ≥ 21.10; `append-only`: an older one (no ServerFeatures service). */
  readonly features?: 'batch-append' | 'append-only';
  /** A fixed port on 127.0.0.1 for a single node; by default a free one is picked. */
  readonly port?: number;
  /**
   * Bytes one append may carry as the server counts them (its MaxAppendSize). Default 8 MiB,
   * as docker-compose.yml configures; a server's own default is 1 MiB.
   */
  readonly maxAppendSize?: number;
  /** 1 (default) or 3 nodes. */
  readonly nodes?: 1 | 3;
  /** How long after a write followers receive it. Default 100 ms. */
  readonly followerLagMs?: number;
  /** How long a leader that received ResignNode stays without a successor. Default 200 ms. */
  readonly resignElectionMs?: number;
}

export interface EsdbDouble {
  /** `esdb://127.0.0.1:<port>?tls=false` for one node; the node list `esdb://127.0.0.1:<p1>,…?tls=false` for three. */
  readonly url: string;
  /** `esdb+discover://127.0.0.1:<port>?tls=false` on the first node (gossip finds the leader). */
  readonly discoverUrl: string;
  /** `esdb://127.0.0.1:<port>?tls=false` of each node, without discovery. */
  readonly nodeUrls: readonly string[];
  /** Drops every connection and stops listening (clients see UNAVAILABLE); data is kept. */
  stop(): Promise<void>;
  /** Listens again on the same ports with the same data. */
  restart(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
  /** How many calls each append API received: shows which path the client took. */
  readonly calls: AppendCalls;
  /** The index of the leading node (undefined during an election). */
  leader(): number | undefined;
  /** Each node's state. */
  states(): readonly NodeState[];
  /** Elects another leader; resolves once it leads. */
  changeLeader(change?: LeaderChange): Promise<void>;
  pauseReplication(): void;
  resumeReplication(): void;
  /** The next append (on any node) is written, then answered as a dropped connection. */
  loseNextAppendAnswer(): void;
  /** Writes events as given, bypassing the client (content types and bytes it would not send: malformed JSON, say). */
  writeRaw(stream: string, events: readonly ProposedEvent[]): void;
}

const SERVER_VERSION = '24.10.4-double';

export async function startEsdbDouble(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
  const features = options.features ?? 'batch-append';
  const size = options.nodes ?? 1;
  const cluster = new DoubleCluster(size, options.followerLagMs ?? 100);
  const ports = size === 1 && options.port !== undefined ? [options.port] : await Promise.all(cluster.nodes.map(() => freePort()));
  const calls: AppendCalls = { append: 0, batchAppend: 0 };
  const servers = new Map<number, Server>();
  const openCalls = new Map<number, Set<() => void>>(cluster.nodes.map((node) => [node.index, new Set()]));
  let loseAnswer = false;

  const listen = async (node: DoubleNode): Promise<void> => {
    const track = (cancel: () => void) => {
      openCalls.get(node.index)!.add(cancel);
      return () => openCalls.get(node.index)!.delete(cancel);
    };
    const takeLostAnswer = () => {
      const lost = loseAnswer;
      loseAnswer = false;
      return lost;
    };
    const server = new Server();
    server.addService(
      streamsGrpc.StreamsService,
      streamsService({ cluster, node, portOf: (i) => ports[i], track, calls, maxAppendSize: options.maxAppendSize ?? 8 * 1024 * 1024, takeLostAnswer }),
    );
    if (features === 'batch-append') server.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods });
    server.addService(gossipGrpc.GossipService, { read: gossipRead(cluster, ports, (i) => servers.has(i)) });
    server.addService(operationsGrpc.OperationsService, { resignNode: resignNode(cluster, node, options.resignElectionMs ?? 200) });
    await new Promise<void>((resolve, reject) =>
      server.bindAsync(`127.0.0.1:${ports[node.index]}`, ServerCredentials.createInsecure(), (error) => (error ? reject(error) : resolve())),
    );
    servers.set(node.index, server);
  };

  const stop = async (): Promise<void> => {
    for (const [index, server] of [...servers]) {
      servers.delete(index);
      const open = openCalls.get(index)!;
      for (const cancel of [...open]) cancel();
      open.clear();
      server.forceShutdown();
    }
  };

  await Promise.all(cluster.nodes.map(listen));
  const nodeUrls = ports.map((port) => `esdb://127.0.0.1:${port}?tls=false`);
  return {
    url: size === 1 ? nodeUrls[0] : `esdb://${ports.map((port) => `127.0.0.1:${port}`).join(',')}?tls=false`,
    discoverUrl: `esdb+discover://127.0.0.1:${ports[0]}?tls=false`,
    nodeUrls,
    stop,
    restart: async () => {
      await stop();
      await Promise.all(cluster.nodes.map(listen));
    },
    close: async () => {
      cluster.close();
      await stop();
    },
    calls,
    leader: () => cluster.leader()?.index,
    states: () => cluster.nodes.map((node) => node.state),
    changeLeader: (change) => cluster.changeLeader(change),
    pauseReplication: () => cluster.pauseReplication(),
    resumeReplication: () => cluster.resumeReplication(),
    loseNextAppendAnswer: () => {
      loseAnswer = true;
    },
    writeRaw: (stream, events) => {
      cluster.log.append(stream, { kind: 'any' }, events);
    },
  };
}

function getSupportedMethods(_call: ServerUnaryCall<sharedPb.Empty, featuresPb.SupportedMethods>, callback: sendUnaryData<featuresPb.SupportedMethods>): void {
  const methods = new featuresPb.SupportedMethods();
  methods.setEventStoreServerVersion(SERVER_VERSION);
  for (const name of ['Read', 'Append', 'BatchAppend']) {
    const method = new featuresPb.SupportedMethod();
    method.setServiceName('event_store.client.streams.Streams');
    method.setMethodName(name);
    methods.addMethods(method);
  }
  callback(null, methods);
}

const GOSSIP_STATES: Record<NodeState, number> = {
  leader: gossipPb.MemberInfo.VNodeState.LEADER,
  follower: gossipPb.MemberInfo.VNodeState.FOLLOWER,
  resigning: gossipPb.MemberInfo.VNodeState.RESIGNINGLEADER,
  electing: gossipPb.MemberInfo.VNodeState.UNKNOWN,
};

/** Every node as this one sees it: its state, whether it listens, and where clients reach it. */
function gossipRead(cluster: DoubleCluster, ports: readonly number[], listening: (index: number) => boolean) {
  return (_call: ServerUnaryCall<sharedPb.Empty, gossipPb.ClusterInfo>, callback: sendUnaryData<gossipPb.ClusterInfo>): void => {
    const info = new gossipPb.ClusterInfo();
    for (const node of cluster.nodes) {
      const endpoint = new gossipPb.EndPoint();
      endpoint.setAddress('127.0.0.1');
      endpoint.setPort(ports[node.index]);
      const member = new gossipPb.MemberInfo();
      const instanceId = new sharedPb.UUID();
      instanceId.setString(`00000000-0000-4000-8000-00000000000${node.index}`);
      member.setInstanceId(instanceId);
      member.setTimeStamp(String(Date.now() * 10_000));
      member.setState(GOSSIP_STATES[node.state]);
      member.setIsAlive(listening(node.index));
      member.setHttpEndPoint(endpoint);
      info.addMembers(member);
    }
    callback(null, info);
  };
}

/** Operations.ResignNode: only the leader acts on it (the message is ignored in other states). */
function resignNode(cluster: DoubleCluster, node: DoubleNode, electionMs: number) {
  return (_call: ServerUnaryCall<sharedPb.Empty, sharedPb.Empty>, callback: sendUnaryData<sharedPb.Empty>): void => {
    if (cluster.leader() === node) void cluster.changeLeader({ resigning: true, electionMs });
    callback(null, new sharedPb.Empty());
  };
}

/** A port nobody listens on, kept across restarts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
