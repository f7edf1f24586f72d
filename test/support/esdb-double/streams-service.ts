/**
 * The double's Streams service: Read (streams, $all, $all subscriptions), Append and
 * BatchAppend, with EventStoreDB's semantics as the client sees them.
 */
import { randomUUID } from 'node:crypto';
import type { sendUnaryData, ServerDuplexStream, ServerReadableStream, ServerWritableStream } from '@grpc/grpc-js';
import { Metadata, status } from '@grpc/grpc-js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import codePb from '@eventstore/db-client/generated/code_pb.js';
import type { DoubleLog, LogRecord, ProposedEvent } from './double-log.js';
import {
  AppendResp,
  BatchAppendResp,
  ReadReq,
  ReadResp,
  appendWrongExpectedVersion,
  maxAppendSizeDetail,
  proposedEvent,
  readEventResponse,
  readExpected,
  sharedPb,
  streamIdentifier,
  streamName,
  streamsPb,
  wrongExpectedVersionDetail,
} from './wire.js';

type ReadCall = ServerWritableStream<streamsPb.ReadReq, streamsPb.ReadResp>;
const BACKWARDS = ReadReq.Options.ReadDirection.BACKWARDS;

export interface StreamsServiceOptions {
  /** Registers a call to cancel when the server stops; answers the unregistering function. */
  readonly track: (cancel: () => void) => () => void;
  readonly calls: { append: number; batchAppend: number };
  readonly maxAppendSize: number;
}

/** The server's size of an append: the bytes of every event's data and metadata. */
const appendSize = (events: readonly ProposedEvent[]): number =>
  events.reduce((total, event) => total + event.data.length + event.customMetadata.length, 0);

export function streamsService(log: DoubleLog, { track, calls, maxAppendSize }: StreamsServiceOptions) {
  return {
    read(call: ReadCall): void {
      const options = call.request.getOptions();
      if (!options) {
        call.destroy(new Error('read without options'));
        return;
      }
      if (options.hasSubscription()) return subscribeToAll(log, call, options, track);
      const count = options.hasCount() ? Number(options.getCount()) : Number.MAX_SAFE_INTEGER;
      const backwards = options.getReadDirection() === BACKWARDS;
      if (options.hasStream()) readStream(log, call, options.getStream()!, backwards, count);
      else readAll(log, call, options.getAll()!, backwards, count);
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
        if (appendSize(events) > maxAppendSize) {
          // As a server does: INVALID_ARGUMENT, with the exception and the limit in the trailers.
          const metadata = new Metadata();
          metadata.set('exception', 'maximum-append-size-exceeded');
          metadata.set('maximum-append-size', String(maxAppendSize));
          return callback({ code: status.INVALID_ARGUMENT, details: `Maximum Append Size of ${maxAppendSize} Exceeded.`, metadata });
        }
        const expected = readExpected(header, header.hasRevision() ? header.getRevision() : undefined);
        const outcome = log.append(streamName(header.getStreamIdentifier()), expected, events);
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
      const untrack = track(() => call.destroy());
      call.on('close', untrack);
      // Requests of one correlation id may span several messages; the last one says is_final.
      const pending = new Map<string, { options: streamsPb.BatchAppendReq.Options; events: ProposedEvent[] }>();
      call.on('data', (request: streamsPb.BatchAppendReq) => {
        const correlationId = request.getCorrelationId()!.getString();
        const batch = pending.get(correlationId) ?? { options: request.getOptions()!, events: [] };
        pending.set(correlationId, batch);
        batch.events.push(...request.getProposedMessagesList().map(proposedEvent));
        if (!request.getIsFinal()) return;
        pending.delete(correlationId);
        call.write(batchAppendResponse(log, request.getCorrelationId()!, batch.options, batch.events, maxAppendSize));
      });
      call.on('end', () => call.end());
    },
  };
}

function batchAppendResponse(
  log: DoubleLog,
  correlationId: sharedPb.UUID,
  options: streamsPb.BatchAppendReq.Options,
  events: ProposedEvent[],
  maxAppendSize: number,
) {
  const response = new BatchAppendResp();
  response.setCorrelationId(correlationId);
  response.setStreamIdentifier(options.getStreamIdentifier());
  const fail = (code: codePb.Code, message: string, details: ReturnType<typeof wrongExpectedVersionDetail>) => {
    const error = new statusPb.Status();
    error.setCode(code);
    error.setMessage(message);
    error.setDetails(details);
    response.setError(error);
    return response;
  };
  if (appendSize(events) > maxAppendSize) {
    return fail(codePb.Code.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, maxAppendSizeDetail(maxAppendSize));
  }
  const expected = readExpected(options, options.hasStreamPosition() ? options.getStreamPosition() : undefined);
  const outcome = log.append(streamName(options.getStreamIdentifier()), expected, events);
  if (!outcome.ok) return fail(codePb.Code.FAILED_PRECONDITION, 'wrong expected version', wrongExpectedVersionDetail(expected, outcome.currentRevision));
  const success = new BatchAppendResp.Success();
  if (outcome.currentRevision === undefined) success.setNoStream();
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position === undefined) success.setNoPosition();
  else success.setPosition(allPosition(sharedPb.AllStreamPosition, outcome.position));
  response.setSuccess(success);
  return response;
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

function readStream(log: DoubleLog, call: ReadCall, options: streamsPb.ReadReq.Options.StreamOptions, backwards: boolean, count: number): void {
  const name = streamName(options.getStreamIdentifier());
  const records = log.stream(name);
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
  writeAndEnd(call, selected.slice(0, count));
}

/** Reading $all forwards from a position includes the event at that position. */
function readAll(log: DoubleLog, call: ReadCall, options: streamsPb.ReadReq.Options.AllOptions, backwards: boolean, count: number): void {
  const records = log.all();
  let selected: LogRecord[];
  if (backwards) {
    const before = options.hasPosition() ? BigInt(options.getPosition()!.getCommitPosition()) : undefined;
    selected = records.filter((record) => before === undefined || record.position < before).reverse();
  } else {
    const from = options.hasPosition() ? BigInt(options.getPosition()!.getCommitPosition()) : undefined;
    selected = records.filter((record) => from === undefined || record.position >= from);
    if (options.hasEnd()) selected = [];
  }
  writeAndEnd(call, selected.slice(0, count));
}

/**
 * A $all subscription: confirmation, then the stored events after the start (a position is
 * excluded), then caught-up, then live events. Catch-up and going live happen in one tick of the
 * single-threaded log, so nothing written in between can be missed or sent twice.
 */
function subscribeToAll(log: DoubleLog, call: ReadCall, options: streamsPb.ReadReq.Options, track: (cancel: () => void) => () => void): void {
  if (!options.hasAll()) {
    call.destroy(new Error('the double supports subscriptions to $all only'));
    return;
  }
  const all = options.getAll()!;
  const accepts = filterOf(options);
  const confirmation = new ReadResp.SubscriptionConfirmation();
  confirmation.setSubscriptionId(randomUUID());
  const confirmed = new ReadResp();
  confirmed.setConfirmation(confirmation);
  call.write(confirmed);

  const after = all.hasPosition() ? BigInt(all.getPosition()!.getCommitPosition()) : undefined;
  const deliver = (record: LogRecord) => {
    if (accepts(record)) call.write(readEventResponse(record));
  };
  if (!all.hasEnd()) for (const record of log.all()) if (after === undefined || record.position > after) deliver(record);
  const caughtUp = new ReadResp();
  caughtUp.setCaughtUp(new ReadResp.CaughtUp());
  call.write(caughtUp);

  const unsubscribe = log.onWrite(deliver);
  const untrack = track(() => call.destroy());
  call.on('cancelled', () => {
    unsubscribe();
    untrack();
  });
  call.on('close', () => {
    unsubscribe();
    untrack();
  });
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

function writeAndEnd(call: ReadCall, records: readonly LogRecord[]): void {
  for (const record of records) call.write(readEventResponse(record));
  call.end();
}
