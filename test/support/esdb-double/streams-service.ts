/**
 * One node's Streams service: Read (streams, $all, $all subscriptions), Append and BatchAppend,
 * with EventStoreDB's semantics as the client sees them (esdb-double.ts lists what is emulated).
 */
import { randomUUID } from 'node:crypto';
import type { sendUnaryData, ServerDuplexStream, ServerReadableStream, ServerWritableStream } from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import type { DoubleCluster } from './double-cluster.js';
import type { AppendOutcome, LogRecord, ProposedEvent } from './double-log.js';
import type { DoubleNode } from './double-node.js';
import {
  AppendResp,
  BatchAppendResp,
  ReadReq,
  ReadResp,
  appendWrongExpectedVersion,
  connectionLost,
  invalidPositionRead,
  invalidPositionSubscription,
  maxAppendSizeDetail,
  maxAppendSizeExceeded,
  notLeader,
  notReadyDetail,
  proposedEvent,
  readEventResponse,
  readExpected,
  serverNotReady,
  sharedPb,
  streamIdentifier,
  streamName,
  streamsPb,
  wrongExpectedVersionDetail,
  type StatusError,
} from './wire.js';

type ReadCall = ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;
type AnyCall = ReadCall | ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>;
const BACKWARDS = ReadReq.Options.ReadDirection.BACKWARDS;

export interface AppendCalls {
  append: number;
  batchAppend: number;
}

/** What one node's service needs of the double around it. */
export interface NodeContext {
  readonly cluster: DoubleCluster;
  readonly node: DoubleNode;
  /** The port a node listens on (the leader's goes into NotLeader answers). */
  readonly portOf: (index: number) => number;
  /** Registers a call to cancel when the node stops; answers the unregistering function. */
  readonly track: (cancel: () => void) => () => void;
  readonly calls: AppendCalls;
  readonly maxAppendSize: number;
  /** True once for the append after `loseNextAppendAnswer()`: it is written, then its answer is lost. */
  readonly takeLostAnswer: () => boolean;
}

/**
 * The server's size of an append (Event.SizeOnDisk summed, Streams.Append/BatchAppend): each
 * event's data and metadata bytes plus its type's length in UTF-16 code units, twice.
 */
const appendSize = (events: readonly ProposedEvent[]): number =>
  events.reduce((total, event) => total + event.data.length + event.customMetadata.length + event.type.length * 2, 0);

const requiresLeader = (call: { metadata: { get(key: string): unknown[] } }): boolean => call.metadata.get('requires-leader')[0] === 'true';

/**
 * Whether this node serves a read (ClusterVNodeController): a follower serves it from its own
 * copy unless the request requires the leader; nothing is served during elections.
 */
function readRefusal({ node, cluster, portOf }: NodeContext, leaderOnly: boolean): StatusError | undefined {
  if (node.state === 'electing') return serverNotReady();
  if (node.state !== 'follower' || !leaderOnly) return undefined;
  const leader = cluster.leader();
  return leader ? notLeader(portOf(leader.index)) : serverNotReady();
}

/** Whether this node takes a write: the leader does, a follower forwards it unless the leader is required. */
function writeRefusal({ node, cluster, portOf }: NodeContext, leaderOnly: boolean): StatusError | undefined {
  if (node.state === 'electing' || node.state === 'resigning') return serverNotReady();
  if (node.state === 'leader') return undefined;
  const leader = cluster.leader();
  if (leader && leaderOnly) return notLeader(portOf(leader.index));
  return leader?.state === 'leader' ? undefined : serverNotReady();
}

export function streamsService(context: NodeContext) {
  const { cluster, calls, maxAppendSize } = context;
  return {
    read(call: ReadCall): void {
      const options = call.request.getOptions();
      if (!options) {
        call.destroy(new Error('read without options'));
        return;
      }
      if (options.hasSubscription()) {
        void subscribeToAll(context, call, options);
        return;
      }
      const refused = readRefusal(context, requiresLeader(call));
      if (refused) {
        call.emit('error', refused);
        return;
      }
      const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
      const backwards = options.getReadDirection() === BACKWARDS;
      const untrack = context.track(() => call.destroy());
      const read = options.hasStream()
        ? readStream(context.node, call, options.getStream()!, backwards, count)
        : readAll(context, call, options.getAll()!, backwards, count);
      void read.finally(untrack);
    },

    append(call: ServerReadableStream<streamsPb.AppendReq, streamsPb.AppendResp>, callback: sendUnaryData<streamsPb.AppendResp>): void {
      calls.append++;
      let header: streamsPb.AppendReq.Options | undefined;
      const events: ProposedEvent[] = [];
      call.on('data', (request: streamsPb.AppendReq) => {
        if (request.hasOptions()) header = request.getOptions();
        else events.push(proposedEvent(request.getProposedMessage()!));
      });
      call.on('end', () => {
        if (!header) return callback({ code: status.INVALID_ARGUMENT, details: 'append without options' });
        if (appendSize(events) > maxAppendSize) return callback(maxAppendSizeExceeded(maxAppendSize));
        const refused = writeRefusal(context, requiresLeader(call));
        if (refused) return callback(refused);
        const expected = readExpected(header, header.hasRevision() ? header.getRevision() : undefined);
        const outcome = cluster.log.append(streamName(header.getStreamIdentifier()), expected, events);
        if (context.takeLostAnswer()) return callback(connectionLost());
        if (!outcome.ok) return callback(null, appendWrongExpectedVersion(expected, outcome.currentRevision));
        const success = new AppendResp.Success();
        if (outcome.currentRevision === undefined) success.setNoStream(new sharedPb.Empty());
        else success.setCurrentRevision(outcome.currentRevision.toString());
        if (outcome.position === undefined) success.setNoPosition(new sharedPb.Empty());
        else success.setPosition(allPosition(AppendResp.Position, outcome.position));
        const response = new AppendResp();
        response.setSuccess(success);
        callback(null, response);
      });
    },

    batchAppend(call: ServerDuplexStream<streamsPb.BatchAppendReq, streamsPb.BatchAppendResp>): void {
      calls.batchAppend++;
      const untrack = context.track(() => call.destroy());
      call.on('close', untrack);
      // The client sends the header once per stream: the same for every append on it.
      const leaderOnly = requiresLeader(call);
      // Requests of one correlation id may span several messages; the last one says is_final.
      const pending = new Map<string, { options: streamsPb.BatchAppendReq.Options; events: ProposedEvent[] }>();
      call.on('data', (request: streamsPb.BatchAppendReq) => {
        const correlationId = request.getCorrelationId()!.getString();
        const batch = pending.get(correlationId) ?? { options: request.getOptions()!, events: [] };
        pending.set(correlationId, batch);
        batch.events.push(...request.getProposedMessagesList().map(proposedEvent));
        const answer = batchAnswer(request.getCorrelationId()!, batch.options);
        if (appendSize(batch.events) > maxAppendSize) {
          // Checked as messages arrive; the rest of that append is then ignored.
          pending.delete(correlationId);
          call.write(answer.fail(codePb.Code.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, maxAppendSizeDetail(maxAppendSize)));
          return;
        }
        if (!request.getIsFinal() || !pending.delete(correlationId)) return;
        const refused = writeRefusal(context, leaderOnly);
        // A node that is not the leader ends the whole call with the leader's address (the
        // server throws it from the write's callback); "not ready" is that append's answer only.
        if (refused?.code === status.NOT_FOUND) return void call.emit('error', refused);
        if (refused) return void call.write(answer.fail(codePb.Code.UNKNOWN, refused.details, notReadyDetail()));
        const expected = readExpected(batch.options, batch.options.hasStreamPosition() ? batch.options.getStreamPosition() : undefined);
        const outcome = cluster.log.append(streamName(batch.options.getStreamIdentifier()), expected, batch.events);
        if (context.takeLostAnswer()) return void call.emit('error', connectionLost());
        call.write(outcome.ok ? answer.succeed(outcome) : answer.fail(codePb.Code.FAILED_PRECONDITION, 'wrong expected version', wrongExpectedVersionDetail(expected, outcome.currentRevision)));
      });
      call.on('end', () => call.end());
    },
  };
}

/** The answer to one append of a BatchAppend call. */
function batchAnswer(correlationId: sharedPb.UUID, options: streamsPb.BatchAppendReq.Options) {
  const response = new BatchAppendResp();
  response.setCorrelationId(correlationId);
  response.setStreamIdentifier(options.getStreamIdentifier());
  return {
    fail(code: codePb.Code, message: string, details: ReturnType<typeof notReadyDetail>) {
      const error = new statusPb.Status();
      error.setCode(code);
      error.setMessage(message);
      error.setDetails(details);
      response.setError(error);
      return response;
    },
    succeed(outcome: Extract<AppendOutcome, { ok: true }>) {
      const success = new BatchAppendResp.Success();
      if (outcome.currentRevision === undefined) success.setNoStream();
      else success.setCurrentRevision(outcome.currentRevision.toString());
      if (outcome.position === undefined) success.setNoPosition();
      else success.setPosition(allPosition(sharedPb.AllStreamPosition, outcome.position));
      response.setSuccess(success);
      return response;
    },
  };
}

interface PositionMessage {
  setCommitPosition(value: string): unknown;
  setPreparePosition(value: string): unknown;
}

/** gRPC appends are implicit transactions: commit and prepare positions are the same number. */
function allPosition<P extends PositionMessage>(Message: new () => P, position: bigint): P {
  const message = new Message();
  message.setCommitPosition(position.toString());
  message.setPreparePosition(position.toString());
  return message;
}

async function readStream(node: DoubleNode, call: ReadCall, options: streamsPb.ReadReq.Options.StreamOptions, backwards: boolean, count: number): Promise<void> {
  const name = streamName(options.getStreamIdentifier());
  const records = node.stream(name);
  if (records.length === 0) {
    // A missing stream is a message in the read stream, not a gRPC error status.
    const notFound = new ReadResp.StreamNotFound();
    notFound.setStreamIdentifier(streamIdentifier(name));
    const response = new ReadResp();
    response.setStreamNotFound(notFound);
    call.write(response);
    call.end();
    return;
  }
  const last = records.length - 1;
  const from = options.hasRevision() ? Number(options.getRevision()) : backwards ? last : 0;
  const selected = backwards ? records.slice(0, Math.min(from, last) + 1).reverse() : records.slice(from);
  if (await send(call, selected.slice(0, count))) call.end();
}

/**
 * $all forwards from a position *including* it, backwards from a position excluding it (a
 * backward position is the end of the record before it). A position inside a record fails the
 * read as the server's storage reader does; one past the node's last record reads nothing.
 */
async function readAll({ cluster, node }: NodeContext, call: ReadCall, options: streamsPb.ReadReq.Options.AllOptions, backwards: boolean, count: number): Promise<void> {
  const at = options.hasPosition() ? BigInt(options.getPosition()!.getCommitPosition()) : undefined;
  if (at !== undefined && cluster.log.positionKind(at, node.end()) === 'inside') return void call.emit('error', invalidPositionRead());
  const size = node.size();
  const records: LogRecord[] = [];
  if (backwards) {
    const before = at === undefined || at >= node.end() ? size : cluster.log.countBefore(at);
    for (let i = before - 1; i >= 0 && records.length < count; i--) records.push(node.record(i)!);
  } else if (!options.hasEnd()) {
    for (let i = at === undefined ? 0 : cluster.log.countBefore(at); i < size && records.length < count; i++) records.push(node.record(i)!);
  }
  if (await send(call, records)) call.end();
}

/**
 * A $all subscription (Enumerator.AllSubscription): confirmation, then the stored events after
 * the start (a position is excluded) read page by page with the requires-leader flag, then
 * caught-up, then live events as this node receives them. A start at or after the node's last
 * event goes live at once, without a read, so neither the leader nor the position is checked
 * then. Live delivery continues on a node that stops being the leader (its copy keeps
 * replicating), as SubscriptionsService drops subscriptions only on shutdown.
 */
async function subscribeToAll(context: NodeContext, call: ReadCall, options: streamsPb.ReadReq.Options): Promise<void> {
  const { node, cluster } = context;
  if (!options.hasAll()) return void call.destroy(new Error('the double supports subscriptions to $all only'));
  if (node.state === 'electing') return void call.emit('error', serverNotReady());
  const all = options.getAll()!;
  const accepts = filterOf(options);
  const confirmation = new ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(randomUUID());
  const confirmed = new ReadResp();
  confirmed.setConfirmation(confirmation);
  call.write(confirmed);

  // Live records are queued from this tick on; catch-up covers what the node held before it.
  const queue: LogRecord[] = [];
  let wake: (() => void) | undefined;
  let closed = false;
  const stopLive = node.onRecord((record) => {
    queue.push(record);
    wake?.();
  });
  const untrack = context.track(() => call.destroy());
  const finish = () => {
    closed = true;
    stopLive();
    untrack();
    wake?.();
  };
  call.on('cancelled', finish);
  call.on('close', finish);

  const held = node.size();
  const lastHeld = node.record(held - 1)?.position;
  // From the end: after the last event the node holds (Position.End is its last indexed position).
  let checkpoint = all.hasEnd() ? lastHeld : all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : undefined;
  if (lastHeld !== undefined && (checkpoint === undefined || checkpoint < lastHeld)) {
    const refused = readRefusal(context, requiresLeader(call));
    if (refused) return void (call.emit('error', refused), finish());
    if (checkpoint !== undefined && cluster.log.positionKind(checkpoint, node.end()) === 'inside') {
      return void (call.emit('error', invalidPositionSubscription()), finish());
    }
    const from = checkpoint === undefined ? 0 : cluster.log.countBefore(checkpoint);
    for (let i = from; i < held && !closed; i++) {
      const record = node.record(i)!;
      if (checkpoint !== undefined && record.position <= checkpoint) continue;
      if (accepts(record) && !(await send(call, [record]))) return finish();
      checkpoint = record.position;
    }
  }
  if (closed) return;
  const caughtUp = new ReadResp();
  caughtUp.setCaughtUp(new ReadResp.CaughtUp());
  call.write(caughtUp);
  while (!closed) {
    const record = queue.shift();
    if (record === undefined) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
      continue;
    }
    if (checkpoint !== undefined && record.position <= checkpoint) continue;
    checkpoint = record.position;
    if (accepts(record) && !(await send(call, [record]))) return finish();
  }
}

/** Server-side filters on event type or stream name, by regex or prefixes (no checkpoints sent). */
function filterOf(options: streamsPb.ReadReq.Options): (record: LogRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter()!;
  const expression = filter.hasEventType() ? filter.getEventType()! : filter.getStreamIdentifier()!;
  const field = (record: LogRecord) => (filter.hasEventType() ? record.type : record.stream);
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : undefined;
  const prefixes = expression.getPrefixList();
  return (record) => {
    const value = field(record);
    if (regex && !regex.test(value)) return false;
    return prefixes.length === 0 || prefixes.some((prefix) => value.startsWith(prefix));
  };
}

/**
 * Writes the records as read responses, waiting whenever the call's buffer is full (as the
 * server's bounded channel does), so a slow reader holds back the double rather than its memory.
 * Answers false when the call ended first.
 */
async function send(call: ReadCall, records: readonly LogRecord[]): Promise<boolean> {
  for (const record of records) {
    if (call.cancelled || call.destroyed) return false;
    if (!call.write(readEventResponse(record))) await drained(call);
  }
  return !(call.cancelled || call.destroyed);
}

function drained(call: AnyCall): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      call.off('drain', done);
      call.off('cancelled', done);
      call.off('close', done);
      resolve();
    };
    call.on('drain', done);
    call.on('cancelled', done);
    call.on('close', done);
  });
}
