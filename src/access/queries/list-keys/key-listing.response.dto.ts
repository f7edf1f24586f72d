import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '../../../common/terms.js';
import type { KeySource } from '../../key-ring.js';
import type { KeyListing, KeyView } from './list-keys.query.js';

export class KeyViewDto implements KeyView {
  @ApiProperty({ example: 'auditor-8c01d5e2aa70' })
  keyId!: string;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty({ type: String, nullable: true, description: 'the company a service key acts for' })
  companyId!: string | null;

  @ApiProperty({ type: String, nullable: true })
  label!: string | null;

  @ApiProperty({ enum: ['configured', 'generated', 'issued'], description: 'LEDGER_API_KEYS, the generated key file (or in-memory keys), or POST /v1/keys' })
  source!: KeySource;

  @ApiProperty({ description: 'true once revoked: refused from then on' })
  revoked!: boolean;

  @ApiProperty({ type: String, nullable: true, format: 'date-time', description: 'issued keys: when the issuance was recorded' })
  issuedAt!: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'issued keys: the key id of the admin key that issued it' })
  issuedBy!: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' })
  revokedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  revokedBy!: string | null;
}

export class KeyListingDto implements KeyListing {
  @ApiProperty({ type: [KeyViewDto], description: 'configured keys first, then issued keys in issuance order; revoked ones included' })
  items!: KeyViewDto[];
}
