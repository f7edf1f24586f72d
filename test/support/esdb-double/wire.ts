/**
 * Conversions between the double's log and the messages generated inside
 * `@eventstore/db-client` (the client's own protobuf classes, so both ends share one schema).
 * 64-bit integers travel as decimal strings (`jstype = JS_STRING`).
 */
import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import anyPb from 'google-protobuf/google/protobuf/any_pb.js';
import emptyPb from 'google-protobuf/google/protobuf/empty_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';
import type { LogRecord, ProposedEvent, WireExpected } from './double-log.js';

export { sharedPb, streamsPb };
export const { ReadReq, ReadResp, AppendResp, BatchAppendResp } = streamsPb;

/** What a client's expected-revision oneof says, whichever append message carried it. */
export interface ExpectedRevisionOptions {
  hasAny(): boolean;
  hasNoStream(): boolean;
  hasStreamExists(): boolean;
}

export function readExpected(options: ExpectedRevisionOptions, revision: string | undefined): WireExpected {
  if (options.hasNoStream()) return { kind: 'no-stream' };
  if (options.hasStreamExists()) return { kind: 'stream-exists' };
  if (revision !== undefined) return { kind: 'revision', revision: BigInt(revision) };
  return { kind: 'any' };
}

export const streamName = (identifier: sharedPb.StreamIdentifier | undefined): string =>
  Buffer.from(identifier?.getStreamName_asU8() ?? new Uint8Array()).toString('utf8');

export function streamIdentifier(name: string): sharedPb.StreamIdentifier {
  const identifier = new sharedPb.StreamIdentifier();
  identifier.setStreamName(Buffer.from(name, 'utf8'));
  return identifier;
}

/** A proposed message of either append API, as the log stores it. */
export function proposedEvent(message: streamsPb.AppendReq.ProposedMessage | streamsPb.BatchAppendReq.ProposedMessage): ProposedEvent {
  const metadata = message.getMetadataMap();
  const id = message.getId();
  if (!id?.hasString()) throw new Error('the double expects string UUIDs (the client sends them)');
  return {
    id: id.getString(),
    type: metadata.get('type') ?? '',
    contentType: metadata.get('content-type') ?? 'application/octet-stream',
    data: message.getData_asU8(),
    customMetadata: message.getCustomMetadata_asU8(),
  };
}

/** A stored record as a read or subscription response (positions included, as servers ≥ 22.6 do for stream reads too). */
export function readEventResponse(record: LogRecord): streamsPb.ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new sharedPb.UUID();
  id.setString(record.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(streamIdentifier(record.stream));
  recorded.setStreamRevision(record.revision.toString());
  recorded.setPreparePosition(record.position.toString());
  recorded.setCommitPosition(record.position.toString());
  recorded.getMetadataMap().set('type', record.type);
  recorded.getMetadataMap().set('content-type', record.contentType);
  recorded.getMetadataMap().set('created', record.created.toString());
  recorded.setCustomMetadata(record.customMetadata);
  recorded.setData(record.data);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  event.setCommitPosition(record.position.toString());
  const response = new ReadResp();
  response.setEvent(event);
  return response;
}

interface ExpectationSetters<E> {
  setExpectedAny(value?: E): unknown;
  setExpectedNoStream(value?: E): unknown;
  setExpectedStreamExists(value?: E): unknown;
}

/** Echoes the client's expectation into either WrongExpectedVersion message. */
function echoExpected<E>(target: ExpectationSetters<E>, expected: WireExpected, empty: () => E, setRevision: (revision: string) => void): void {
  if (expected.kind === 'any') target.setExpectedAny(empty());
  else if (expected.kind === 'no-stream') target.setExpectedNoStream(empty());
  else if (expected.kind === 'stream-exists') target.setExpectedStreamExists(empty());
  else setRevision(expected.revision.toString());
}

/** The shared WrongExpectedVersion detail that BatchAppend packs into its google.rpc.Status. */
export function wrongExpectedVersionDetail(expected: WireExpected, currentRevision: bigint | undefined): anyPb.Any {
  const detail = new sharedPb.WrongExpectedVersion();
  if (currentRevision === undefined) detail.setCurrentNoStream(new emptyPb.Empty());
  else detail.setCurrentStreamRevision(currentRevision.toString());
  echoExpected(detail, expected, () => new emptyPb.Empty(), (revision) => detail.setExpectedStreamPosition(revision));
  const packed = new anyPb.Any();
  packed.pack(detail.serializeBinary(), 'event_store.client.WrongExpectedVersion');
  return packed;
}

/** The Append API's own WrongExpectedVersion message (a different type from the shared one). */
export function appendWrongExpectedVersion(expected: WireExpected, currentRevision: bigint | undefined): streamsPb.AppendResp {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (currentRevision === undefined) wrong.setCurrentNoStream(new sharedPb.Empty());
  else wrong.setCurrentRevision(currentRevision.toString());
  echoExpected(wrong, expected, () => new sharedPb.Empty(), (revision) => wrong.setExpectedRevision(revision));
  const response = new AppendResp();
  response.setWrongExpectedVersion(wrong);
  return response;
}

/** The detail BatchAppend packs when an append is larger than the server accepts. */
export function maxAppendSizeDetail(maxAppendSize: number): anyPb.Any {
  const detail = new sharedPb.MaximumAppendSizeExceeded();
  detail.setMaxappendsize(maxAppendSize);
  const packed = new anyPb.Any();
  packed.pack(detail.serializeBinary(), 'event_store.client.MaximumAppendSizeExceeded');
  return packed;
}

/** A gRPC error status as grpc-js sends it (code, details, trailers). */
export type StatusError = Partial<ServiceError> & { code: status; details: string };

function statusError(code: status, details: string, trailers: Record<string, string> = {}): StatusError {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return { code, details, metadata };
}

/** A request that needs the leader reached another node (RpcExceptions.LeaderInfo): the client reconnects there. */
export const notLeader = (leaderPort: number): StatusError =>
  statusError(status.NOT_FOUND, 'Leader info available', {
    exception: 'not-leader',
    'leader-endpoint-host': '127.0.0.1',
    'leader-endpoint-port': String(leaderPort),
  });

/** No leader yet, or a resigning leader asked to write (RpcExceptions.ServerNotReady). */
export const serverNotReady = (): StatusError => statusError(status.UNAVAILABLE, 'Server Is Not Ready');

/**
 * A read of $all from a position inside a record: the storage reader answers InvalidPosition,
 * which Enumerator.ReadAllForwards/Backwards does not map and reports as an unknown result.
 */
export const invalidPositionRead = (): StatusError => statusError(status.UNKNOWN, 'Unexpected ReadAllResult: InvalidPosition');

/** The same position as a subscription's start: Enumerator.AllSubscription maps it (RpcExceptions.InvalidPositionException). */
export const invalidPositionSubscription = (): StatusError => statusError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');

/** Append: INVALID_ARGUMENT with the exception and the limit in the trailers (RpcExceptions.MaxAppendSizeExceeded). */
export const maxAppendSizeExceeded = (maxAppendSize: number): StatusError =>
  statusError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

/** A lost answer: the connection dropped after the write (what a client sees when a node goes away mid-call). */
export const connectionLost = (): StatusError => statusError(status.UNAVAILABLE, 'Connection lost');

/**
 * BatchAppend's answer to a write a node is not ready for: a per-request google.rpc.Status whose
 * details are an empty message (Streams.BatchAppend ConvertMessage), which the 6.2.1 client
 * cannot classify and reports as UnknownError "Could not recognize Server Is Not Ready".
 */
export function notReadyDetail(): anyPb.Any {
  const packed = new anyPb.Any();
  packed.pack(new emptyPb.Empty().serializeBinary(), 'google.protobuf.Empty');
  return packed;
}
