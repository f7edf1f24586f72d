import { Delete, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../../auth/principal.js';
import { IdPipe } from '../../../http/id.pipe.js';
import { AccessKeysController, AdminRoute } from '../../access-keys.route.js';
import { RevokeKeyCommand, type RevokedKey } from './revoke-key.command.js';
import { RevokedKeyDto } from './revoked-key.response.dto.js';

@AccessKeysController()
export class RevokeKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Delete(':keyId')
  @AdminRoute()
  @ApiOperation({ summary: 'Revoke a key, issued or configured: 401 for it from then on, on every instance sharing the store' })
  @ApiOkResponse({ type: RevokedKeyDto, description: 'revoked (also when it was revoked already: the first answer)' })
  @ApiNotFoundResponse({ description: 'no key has this id' })
  @ApiConflictResponse({ description: 'the key of this request: revoke it with another admin key' })
  revoke(@Param('keyId', IdPipe) keyId: string, @CurrentPrincipal() admin: Principal): Promise<RevokedKey> {
    return this.commands.execute(new RevokeKeyCommand(keyId, admin));
  }
}
