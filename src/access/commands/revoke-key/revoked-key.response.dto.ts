import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../common/terms.js';
import type { RevokedKey } from './revoke-key.command.js';

/** The answer of `DELETE /v1/keys/{keyId}`. */
export class RevokedKeyDto implements RevokedKey {
  @ApiProperty({ example: 'service-3fa9c2d1b0e4' })
  keyId!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, nullable: true })
  companyId!: string | null;

  @ApiProperty({ enum: [true] })
  revoked!: true;

  @ApiProperty({ format: 'date-time', description: 'when the revocation was recorded' })
  revokedAt!: string;

  @ApiProperty({ type: String, nullable: true, description: 'the key id of the admin key that revoked it' })
  revokedBy!: string | null;

  @ApiProperty({ format: 'uuid', description: 'the AccessKeyRevoked event' })
  eventId!: string;

  @ApiProperty({ description: 'its ledger position (decimal string)', example: '43' })
  position!: string;
}
