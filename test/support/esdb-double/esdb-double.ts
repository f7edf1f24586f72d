/**
 * An in-process EventStoreDB protocol double: a gRPC server on 127.0.0.1 built on the service
 * definitions generated inside `@eventstore/db-client`, so the real client talks to it exactly as
 * it talks to a server (`esdb://127.0.0.1:<port>?tls=false`, or `esdb+discover://` via Gossip).
 *
 * What it emulates (ESDB-NOTES.md): Streams.Append and Streams.BatchAppend with expected
 * revisions (any / no_stream / stream_exists / exact) and WrongExpectedVersion answers;
 * Streams.Read of a stream (forwards, backwards, from a revision; a missing stream is a
 * StreamNotFound message), of $all (forwards from a position *including* it, backwards from the
 * end) and subscriptions to $all (confirmation → stored events strictly *after* the start →
 * caught-up → live; event-type and stream-name filters); log positions with gaps where commit =
 * prepare, as a real server reports for gRPC appends; system events (`$settings`,
 * `$statsCollected`) in $all, also written between client appends; ServerFeatures
 * (advertising BatchAppend in `batch-append` mode, absent — UNIMPLEMENTED, like an old server —
 * in `append-only` mode); Gossip.Read with this node as the only, alive Leader.
 *
 * What it does NOT emulate: clustering, elections and follower/leader redirects; persistence to
 * disk (data lives in memory and survives `restart()`, not the process); authentication, ACLs
 * and TLS; projections, persistent subscriptions, subscriptions to a single stream, stream
 * deletion, tombstones, stream metadata ($maxAge, $maxCount, truncation); the server-side
 * idempotency window (an append whose event ids are already stored is written again);
 * explicit transactions (where commit ≠ prepare); filter checkpoints, `fellBehind`, backpressure
 * (live events are buffered without limit); deadlines, size limits and the server's own
 * validation of event types and ids (only the append size limit is checked).
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
import { DoubleLog } from './double-log.js';
import { streamsService } from './streams-service.js';
import { sharedPb } from './wire.js';

export interface EsdbDoubleOptions {
  /** `batch-append`: a server ≥ 21.10; `append-only`: an older one (no ServerFeatures service). */
  readonly features?: 'batch-append' | 'append-only';
  /** A fixed port on 127.0.0.1; by default a free one is picked. */
  readonly port?: number;
  /**
   * Bytes of data and metadata one append may carry (the server's MaxAppendSize). Default 8 MiB,
   * as docker-compose.yml configures; a server's own default is 1 MiB.
   */
  readonly maxAppendSize?: number;
}

export interface EsdbDouble {
  /** `esdb://127.0.0.1:<port>?tls=false` */
  readonly url: string;
  /** `esdb+discover://127.0.0.1:<port>?tls=false` (one gossip round, then the same node). */
  readonly discoverUrl: string;
  /** Drops every connection and stops listening (clients see UNAVAILABLE); data is kept. */
  stop(): Promise<void>;
  /** Listens again on the same port with the same data. */
  restart(): Promise<void>;
  /** Stops for good. */
  close(): Promise<void>;
  /** How many calls each append API received: shows which path the client took. */
  readonly calls: AppendCalls;
}

export interface AppendCalls {
  append: number;
  batchAppend: number;
}

const SERVER_VERSION = '24.10.0-double';

export async function startEsdbDouble(options: EsdbDoubleOptions = {}): Promise<EsdbDouble> {
  const log = new DoubleLog();
  const features = options.features ?? 'batch-append';
  const port = options.port ?? (await freePort());
  let server: Server | undefined;
  const calls: AppendCalls = { append: 0, batchAppend: 0 };
  const openCalls = new Set<() => void>();
  const track = (cancel: () => void) => {
    openCalls.add(cancel);
    return () => openCalls.delete(cancel);
  };

  const listen = async (): Promise<void> => {
    const next = new Server();
    next.addService(streamsGrpc.StreamsService, streamsService(log, { track, calls, maxAppendSize: options.maxAppendSize ?? 8 * 1024 * 1024 }));
    if (features === 'batch-append') next.addService(featuresGrpc.ServerFeaturesService, { getSupportedMethods });
    next.addService(gossipGrpc.GossipService, { read: gossipRead(port) });
    await new Promise<void>((resolve, reject) =>
      next.bindAsync(`127.0.0.1:${port}`, ServerCredentials.createInsecure(), (error) => (error ? reject(error) : resolve())),
    );
    server = next;
  };

  const stop = async (): Promise<void> => {
    const current = server;
    server = undefined;
    if (!current) return;
    for (const cancel of [...openCalls]) cancel();
    openCalls.clear();
    current.forceShutdown();
  };

  await listen();
  return {
    url: `esdb://127.0.0.1:${port}?tls=false`,
    discoverUrl: `esdb+discover://127.0.0.1:${port}?tls=false`,
    stop,
    restart: async () => {
      await stop();
      await listen();
    },
    close: stop,
    calls,
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

function gossipRead(port: number) {
  return (_call: ServerUnaryCall<sharedPb.Empty, gossipPb.ClusterInfo>, callback: sendUnaryData<gossipPb.ClusterInfo>): void => {
    const endpoint = new gossipPb.EndPoint();
    endpoint.setAddress('127.0.0.1');
    endpoint.setPort(port);
    const member = new gossipPb.MemberInfo();
    member.setState(gossipPb.MemberInfo.VNodeState.LEADER);
    member.setIsAlive(true);
    member.setHttpEndPoint(endpoint);
    const info = new gossipPb.ClusterInfo();
    info.addMembers(member);
    callback(null, info);
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

