import { Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { ROLES, type Role } from '../../../common/terms.js';
import { AuthResponses } from '../../../http/auth-responses.js';
import { AccessKeysController } from '../../access-keys.route.js';
import { WhoAmIQuery, type KeyIdentity } from './who-am-i.query.js';

export class KeyIdentityDto implements KeyIdentity {
  @ApiProperty({ example: 'auditor-8c01d5e2aa70' }) keyId!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ type: String, nullable: true, description: 'the company a service key acts for' }) companyId!: string | null;
}

@AccessKeysController()
export class WhoAmIController {
  constructor(private readonly queries: QueryBus) {}

  /** Every role may ask (a 401 here is the plain answer to "is this key good?"); `me` is no key id (those start with the role). */
  @Get('me')
  @Roles(...ROLES)
  @AuthResponses()
  @ApiOperation({ summary: 'The presenting key: its key id, role and company (every role; never the key)' })
  @ApiOkResponse({ type: KeyIdentityDto })
  whoAmI(@CurrentPrincipal() principal: Principal): Promise<KeyIdentity> {
    return this.queries.execute(new WhoAmIQuery(principal));
  }
}
