import type { LogIndex } from '../../legality/domain/log-index.js';
import type { PolicyHistory } from '../../legality/domain/policy-history.js';
import type { RecordedTransfers } from '../../legality/domain/recorded-transfers.js';

/**
 * What the renderers read: the legality read model (legality.projections.ts is one), which holds
 * every state of the log up to where it has read. A renderer given a cut K reads only what was
 * recorded at or before K, so its rows depend on the log up to K alone.
 */
export interface ReportSource {
  readonly policy: PolicyHistory;
  readonly transfers: RecordedTransfers;
  readonly log: LogIndex;
}
