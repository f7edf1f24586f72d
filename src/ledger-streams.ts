import { FACT_KINDS, factStream } from './policy/domain/policy.streams.js';
import { companyTransfersStream, transferStream } from './transfers/domain/transfer.events.js';

/**
 * The prefixes of every stream the ledger writes (`regime-…`, `transfer-…`, `transfers-of-…`;
 * none is a prefix of another's names: `transfers-of-` is not `transfer-` plus an id), from the functions
 * that name them. The event store is told them so that, on a store shared with other
 * applications, an event in one of these streams that is not a ledger event is an error, while
 * events of other streams are someone else's (README, "Running on EventStoreDB").
 */
export const LEDGER_STREAM_PREFIXES: readonly string[] = [...FACT_KINDS.map((kind) => factStream(kind, '')), transferStream(''), companyTransfersStream('')];
