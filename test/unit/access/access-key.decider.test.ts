import { describe, expect, it } from '@jest/globals';
import { accessKeyDecider, KeyIdTaken, type AccessKeyCommand } from '../../../src/access/domain/access-key.decider.js';
import type { AccessKeyEvent, AccessKeyIssued } from '../../../src/access/domain/access-key.events.js';
import { Conflict, NotFound, ValidationFailed } from '../../../src/common/errors.js';
import { given } from '../../support/given.js';

const DIGEST = 'ab'.repeat(32);
const issuedData = { keyId: 'service-abababababab', digest: DIGEST, role: 'service' as const, companyId: 'acme' };
const issued: AccessKeyEvent = { type: 'AccessKeyIssued', data: issuedData };
const revoked: AccessKeyEvent = { type: 'AccessKeyRevoked', data: { keyId: issuedData.keyId, digest: DIGEST, role: 'service', companyId: 'acme' } };
const issue = (data: Partial<AccessKeyIssued['data']>): AccessKeyCommand => ({ type: 'IssueAccessKey', data: { ...issuedData, ...data } });
const revoke = (extra: object = {}): AccessKeyCommand => ({ type: 'RevokeAccessKey', data: { keyId: issuedData.keyId, by: 'admin-000000000001', ...extra } });

describe('access key decider', () => {
  it('issues a key the stream has not seen', () => {
    given(accessKeyDecider).when(issue({})).then(issued);
  });

  it('refuses a key id in use (the issuer draws another secret)', () => {
    given(accessKeyDecider, [issued]).when(issue({})).thenThrows(KeyIdTaken);
    given(accessKeyDecider, [revoked]).when(issue({})).thenThrows(KeyIdTaken);
  });

  it('issues service keys for one company, other roles for none, and no admin keys', () => {
    expect(given(accessKeyDecider).when(issue({ companyId: undefined })).thenThrows(ValidationFailed).problems).toEqual([{ field: 'companyId', reason: 'is required for a service key (the company it acts for)' }]);
    expect(given(accessKeyDecider).when(issue({ role: 'auditor' })).thenThrows(ValidationFailed).problems).toEqual([{ field: 'companyId', reason: "is only for service keys (this key's role is auditor)" }]);
    expect(given(accessKeyDecider).when(issue({ role: 'admin' as AccessKeyIssued['data']['role'], companyId: undefined })).thenThrows(ValidationFailed).problems).toEqual([{ field: 'role', reason: 'must be one of regulator, auditor, service' }]);
  });

  it('revokes an issued key with its digest; a second revocation repeats the first', () => {
    given(accessKeyDecider, [issued]).when(revoke()).then(revoked);
    given(accessKeyDecider, [issued, revoked]).when(revoke({ by: 'admin-000000000002' })).thenRepeats(revoked);
  });

  it('revokes a configured key, which has no issuance event', () => {
    const configured = { keyId: 'auditor-cdcdcdcdcdcd', digest: 'cd'.repeat(32), role: 'auditor' as const };
    given(accessKeyDecider)
      .when({ type: 'RevokeAccessKey', data: { keyId: configured.keyId, by: 'admin-000000000001', configured } })
      .then({ type: 'AccessKeyRevoked', data: { keyId: configured.keyId, digest: configured.digest, role: 'auditor' } });
  });

  it('404 for a key neither issued nor configured; 409 for the key revoking itself', () => {
    given(accessKeyDecider).when(revoke()).thenThrows(NotFound);
    const self = given(accessKeyDecider, [issued]).when(revoke({ by: issuedData.keyId })).thenThrows(Conflict);
    expect(self).not.toBeInstanceOf(KeyIdTaken);
  });
});
