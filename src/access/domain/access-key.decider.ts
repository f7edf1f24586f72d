import { type Decider, append, repeat } from '../../common/decider.js';
import { Conflict, NotFound, ValidationFailed, type Problem } from '../../common/errors.js';
import { ISSUABLE_ROLES, type Role } from '../../common/terms.js';
import type { AccessKeyEvent, AccessKeyIssued, AccessKeyRevoked } from './access-key.events.js';

/** A key the ledger accepts without an issuance event: one configured at start-up (docs/api.md §12). */
export interface ConfiguredKey {
  readonly keyId: string;
  readonly digest: string;
  readonly role: Role;
  readonly companyId?: string;
}

/** Commands on one access key (stream `access-key-<keyId>`). */
export type AccessKeyCommand =
  | { readonly type: 'IssueAccessKey'; readonly data: AccessKeyIssued['data'] }
  | {
      readonly type: 'RevokeAccessKey';
      readonly data: {
        readonly keyId: string;
        /** The key id of the admin key revoking it. */
        readonly by: string;
        /** Set when the key is a configured one (it has no issuance event to revoke). */
        readonly configured?: ConfiguredKey;
      };
    };

export interface AccessKeyState {
  readonly issued?: AccessKeyIssued;
  readonly revoked?: AccessKeyRevoked;
}

/** The key id a fresh secret hashed to is in use already: the issuer draws another secret. */
export class KeyIdTaken extends Conflict {
  constructor(readonly keyId: string) {
    super(`access key ${keyId} exists already`);
    this.name = 'KeyIdTaken';
  }
}

function decideIssue(state: AccessKeyState, data: AccessKeyIssued['data']) {
  const problems: Problem[] = [];
  if (!ISSUABLE_ROLES.includes(data.role)) problems.push({ field: 'role', reason: `must be one of ${ISSUABLE_ROLES.join(', ')}` });
  if (data.role === 'service' && data.companyId === undefined) problems.push({ field: 'companyId', reason: 'is required for a service key (the company it acts for)' });
  if (data.role !== 'service' && data.companyId !== undefined) problems.push({ field: 'companyId', reason: `is only for service keys (this key's role is ${data.role})` });
  if (problems.length > 0) throw new ValidationFailed(problems);
  if (state.issued || state.revoked) throw new KeyIdTaken(data.keyId);
  return append<AccessKeyEvent>({ type: 'AccessKeyIssued', data });
}

/**
 * Revoking a revoked key repeats the revocation (200 with the first answer); a key never revokes
 * itself (the admin would lock itself out of key management); an id that is neither issued nor
 * configured is 404.
 */
function decideRevoke(state: AccessKeyState, { keyId, by, configured }: Extract<AccessKeyCommand, { type: 'RevokeAccessKey' }>['data']) {
  if (state.revoked) return repeat<AccessKeyEvent>(state.revoked);
  const subject = state.issued?.data ?? configured;
  if (!subject) throw new NotFound('access key', keyId);
  if (by === keyId) throw new Conflict(`access key ${keyId} is the key of this request: revoke it with another admin key`);
  const { digest, role, companyId } = subject;
  return append<AccessKeyEvent>({ type: 'AccessKeyRevoked', data: { keyId, digest, role, ...(companyId !== undefined ? { companyId } : {}) } });
}

/** Issue and revoke access keys (docs/api.md §12). */
export const accessKeyDecider: Decider<AccessKeyCommand, AccessKeyEvent, AccessKeyState> = {
  initialState: {},
  decide(command, state) {
    return command.type === 'IssueAccessKey' ? decideIssue(state, command.data) : decideRevoke(state, command.data);
  },
  evolve(state, event) {
    return event.type === 'AccessKeyIssued' ? { ...state, issued: event } : { ...state, revoked: event };
  },
};
