import { Controller, Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '../../auth/principal.js';
import { GetPublicKeyQuery, type PublicKeyView } from './get-public-key.query.js';

/** OpenAPI description of `GET /v1/audit/public-key`. */
export class PublicKeyDto implements PublicKeyView {
  @ApiProperty({ enum: ['ed25519'] }) algorithm!: 'ed25519';
  @ApiProperty({ example: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA…\n-----END PUBLIC KEY-----\n', description: 'SPKI PEM' }) publicKeyPem!: string;
}

/** The key to check checkpoints with: public, so that anyone can keep a copy (docs/api.md §9). */
@ApiTags('audit')
@Controller('v1/audit')
export class PublicKeyController {
  constructor(private readonly queries: QueryBus) {}

  @Public()
  @Get('public-key')
  @ApiOperation({ summary: 'The Ed25519 public key checkpoints are signed with (no key needed)' })
  @ApiOkResponse({ type: PublicKeyDto })
  publicKey(): Promise<PublicKeyView> {
    return this.queries.execute(new GetPublicKeyQuery());
  }
}
