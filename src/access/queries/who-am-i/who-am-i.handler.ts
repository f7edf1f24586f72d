import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { WhoAmIQuery, type KeyIdentity } from './who-am-i.query.js';

/** The guard has authenticated the key (a revoked one is 401 before this): its public name and role. */
@QueryHandler(WhoAmIQuery)
export class WhoAmIHandler implements IQueryHandler<WhoAmIQuery> {
  execute({ principal }: WhoAmIQuery): Promise<KeyIdentity> {
    return Promise.resolve({ keyId: principal.keyId, role: principal.role, companyId: principal.companyId ?? null });
  }
}
