import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AccessKeys } from '../../access-keys.js';
import type { KeyRecord } from '../../key-ring.js';
import { ListKeysQuery, type KeyListing, type KeyView } from './list-keys.query.js';

const view = ({ keyId, role, companyId, label, source, issued, revoked }: KeyRecord): KeyView => ({
  keyId,
  role,
  companyId: companyId ?? null,
  label: label ?? null,
  source,
  revoked: revoked !== undefined,
  issuedAt: issued?.at.toISOString() ?? null,
  issuedBy: issued?.by ?? null,
  revokedAt: revoked?.at.toISOString() ?? null,
  revokedBy: revoked?.by ?? null,
});

/** Lists the keys once this instance has learnt every access change recorded before the query. */
@QueryHandler(ListKeysQuery)
export class ListKeysHandler implements IQueryHandler<ListKeysQuery> {
  constructor(private readonly keys: AccessKeys) {}

  async execute(): Promise<KeyListing> {
    await this.keys.catchUp();
    return { items: this.keys.list().map(view) };
  }
}
