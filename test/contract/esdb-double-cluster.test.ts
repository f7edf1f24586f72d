import { credentials, Metadata } from '@grpc/grpc-js';
import { EventStoreDBClient, FORWARDS, START, type ResolvedEvent } from '@eventstore/db-client';
import operationsGrpc from '@eventstore/db-client/generated/operations_grpc_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import { startEsdbDouble, type EsdbDouble } from '../support/esdb-double/esdb-double.js';
import { collect, events, stream } from '../support/esdb-double/raw-client.js';
import { waitUntil } from '../support/event-store/wait-until.js';

/**
 * The double as a three-node cluster, spoken to with `@eventstore/db-client` only: followers
 * answer from a lagging copy unless the leader is required, then they send the client to the
 * leader; a leader change moves the leader and the client follows.
 */
const ids = (read: readonly ResolvedEvent[]) => read.map(({ event }) => event!.id);

describe('the EventStoreDB double as a three-node cluster', () => {
  let double: EsdbDouble;
  const clients: EventStoreDBClient[] = [];
  const connect = (url: string) => {
    const client = EventStoreDBClient.connectionString(url);
    clients.push(client);
    return client;
  };
  beforeEach(async () => {
    double = await startEsdbDouble({ nodes: 3, followerLagMs: 300 });
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((client) => client.dispose()));
    await double.close();
  });

  it('a follower answers reads from its lagging copy and forwards writes, unless the leader is required', async () => {
    const follower = connect(double.nodeUrls[1]);
    const s = stream('lag');
    const appended = events(2);
    await follower.appendToStream(s, appended);
    await expect(collect(follower.readStream(s))).rejects.toMatchObject({ type: 'stream-not-found' });
    await expect(collect(follower.readStream(s, { requiresLeader: true }))).rejects.toMatchObject({ type: 'not-leader', leader: { port: Number(new URL(double.nodeUrls[0].replace('esdb:', 'http:')).port) } });
    // The client now talks to the leader, which holds the events.
    expect(ids(await collect(follower.readStream(s, { requiresLeader: true })))).toEqual(appended.map((e) => e.id));
    const other = connect(double.nodeUrls[2]);
    await waitUntil(async () => (await collect(other.readAll({ fromPosition: START }))).some(({ event }) => event?.streamId === s), 'replication to the other follower');
  });

  it('a subscription that must catch up on a follower with requires-leader is sent to the leader; without it, it is served there', async () => {
    const s = stream('sub');
    await connect(double.nodeUrls[0]).appendToStream(s, events(1));
    const follower = connect(double.nodeUrls[1]);
    await waitUntil(async () => (await collect(follower.readStream(s)).catch(() => [])).length === 1, 'replication');
    await expect(collect(follower.subscribeToAll({ fromPosition: START, requiresLeader: true }))).rejects.toMatchObject({ type: 'not-leader' });
    const served = connect(double.nodeUrls[2]).subscribeToAll({ fromPosition: START });
    for await (const { event } of served) if (event?.streamId === s) break;
    await served.unsubscribe();
  });

  it('a node list finds the leader by gossip; after a leader change the client follows NotLeader to the new one', async () => {
    const client = connect(double.url);
    const s = stream('change');
    await client.appendToStream(s, events(1), { requiresLeader: true });
    expect(double.leader()).toBe(0);
    await double.changeLeader({ to: 2, electionMs: 100 });
    expect(double.states()).toEqual(['follower', 'follower', 'leader']);
    await expect(client.appendToStream(s, events(1), { requiresLeader: true })).rejects.toMatchObject({ type: 'not-leader' });
    await client.appendToStream(s, events(1), { requiresLeader: true });
    expect(await collect(client.readStream(s, { requiresLeader: true, direction: FORWARDS }))).toHaveLength(2);
  });

  it('Operations.ResignNode on the leader hands over to another node, refusing writes as not ready meanwhile', async () => {
    const leaderAddress = new URL(double.nodeUrls[0].replace('esdb:', 'http:')).host;
    const operations = new operationsGrpc.OperationsClient(leaderAddress, credentials.createInsecure());
    await new Promise<void>((resolve, reject) => operations.resignNode(new sharedPb.Empty(), new Metadata(), (error) => (error ? reject(error) : resolve())));
    operations.close();
    expect(double.states()[0]).toBe('resigning');
    const client = connect(double.nodeUrls[0]);
    await expect(client.appendToStream(stream('resign'), events(1))).rejects.toThrow('Server Is Not Ready');
    await waitUntil(() => double.leader() !== undefined && double.leader() !== 0, 'a new leader');
  });
});
