/**
 * Leader changes on an EventStoreDB cluster from a test, through the server's own gRPC API:
 * Gossip.Read finds the leader, Operations.ResignNode makes it resign, gossip shows the
 * successor. The same calls work on the protocol double's three-node mode (which emulates both
 * services), where they are exercised; on a real cluster they need an admin (or ops) user in the
 * connection string when it is secure.
 */
import { readFileSync } from 'node:fs';
import { credentials, Metadata, type ChannelCredentials } from '@grpc/grpc-js';
import gossipGrpc from '@eventstore/db-client/generated/gossip_grpc_pb.js';
import gossipPb from '@eventstore/db-client/generated/gossip_pb.js';
import operationsGrpc from '@eventstore/db-client/generated/operations_grpc_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';

interface Endpoint {
  readonly address: string;
  readonly port: number;
}

interface Connection {
  readonly hosts: readonly Endpoint[];
  readonly channel: ChannelCredentials;
  readonly metadata: Metadata;
}

/** The parts of an `esdb://` connection string these calls need: hosts, TLS and credentials. */
function parse(url: string): Connection {
  const match = /^esdb(?:\+discover)?:\/\/(?:([^:@/]+):([^@/]*)@)?([^/?]+)\/?(?:\?(.*))?$/.exec(url);
  if (!match) throw new Error('not an esdb:// connection string');
  const [, user, password, hostList, query = ''] = match;
  const params = new URLSearchParams(query);
  const hosts = hostList.split(',').map((host) => {
    const [address, port = '2113'] = host.split(':');
    return { address, port: Number(port) };
  });
  const tls = params.get('tls') !== 'false';
  const caFile = params.get('tlsCAFile');
  const metadata = new Metadata();
  if (tls && user !== undefined) metadata.set('authorization', `Basic ${Buffer.from(`${decodeURIComponent(user)}:${decodeURIComponent(password)}`).toString('base64')}`);
  const channel = tls ? credentials.createSsl(caFile ? readFileSync(caFile) : null) : credentials.createInsecure();
  return { hosts, channel, metadata };
}

const deadline = (ms: number) => ({ deadline: new Date(Date.now() + ms) });

async function members(connection: Connection): Promise<gossipPb.MemberInfo[]> {
  for (const host of connection.hosts) {
    const client = new gossipGrpc.GossipClient(`${host.address}:${host.port}`, connection.channel);
    try {
      return await new Promise<gossipPb.MemberInfo[]>((resolve, reject) =>
        client.read(new sharedPb.Empty(), connection.metadata, deadline(5_000), (error, info) => (error ? reject(error) : resolve(info!.getMembersList()))),
      );
    } catch {
      // try the next seed
    } finally {
      client.close();
    }
  }
  throw new Error('no node answered Gossip.Read');
}

/** The leader's client endpoint as gossip reports it, or undefined while there is none. */
export async function leaderOf(url: string): Promise<Endpoint | undefined> {
  const leader = (await members(parse(url))).find((m) => m.getIsAlive() && m.getState() === gossipPb.MemberInfo.VNodeState.LEADER);
  const endpoint = leader?.getHttpEndPoint();
  return endpoint ? { address: endpoint.getAddress(), port: endpoint.getPort() } : undefined;
}

/** Makes the current leader resign and resolves once gossip shows another node leading. */
export async function resignLeader(url: string, timeoutMs = 30_000): Promise<void> {
  const connection = parse(url);
  const before = await leaderOf(url);
  if (!before) throw new Error('the cluster has no leader to resign');
  const operations = new operationsGrpc.OperationsClient(`${before.address}:${before.port}`, connection.channel);
  try {
    await new Promise<void>((resolve, reject) =>
      operations.resignNode(new sharedPb.Empty(), connection.metadata, deadline(5_000), (error) => (error ? reject(error) : resolve())),
    );
  } finally {
    operations.close();
  }
  const until = Date.now() + timeoutMs;
  for (;;) {
    const now = await leaderOf(url).catch(() => undefined);
    if (now && (now.address !== before.address || now.port !== before.port)) return;
    if (Date.now() > until) throw new Error(`no other leader within ${timeoutMs} ms of ResignNode`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Whether the connection string names several nodes (a cluster whose leader can change). */
export const isNodeList = (url: string): boolean => parse(url).hosts.length > 1;
