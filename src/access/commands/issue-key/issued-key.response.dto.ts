import { ApiProperty } from '@nestjs/swagger';
import { ISSUABLE_ROLES, type IssuableRole } from '../../../common/terms.js';
import type { IssuedKey } from './issue-key.command.js';

/** The answer of `POST /v1/keys`. */
export class IssuedKeyDto implements IssuedKey {
  @ApiProperty({ description: 'the key\'s public name (role and digest prefix): for listing, revoking and the logs', example: 'service-3fa9c2d1b0e4' })
  keyId!: string;

  @ApiProperty({ description: 'the key itself: shown in this answer only, never again (the ledger keeps its SHA-256 digest)', example: 'kq3Zr0…43 characters' })
  key!: string;

  @ApiProperty({ enum: ISSUABLE_ROLES })
  role!: IssuableRole;

  @ApiProperty({ type: String, nullable: true, description: 'the company a service key acts for; null for other roles', example: 'acme-shanghai' })
  companyId!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'the label given, or null' })
  label!: string | null;

  @ApiProperty({ format: 'uuid', description: 'the AccessKeyIssued event' })
  eventId!: string;

  @ApiProperty({ description: 'its ledger position (decimal string)', example: '42' })
  position!: string;
}
