import { Body, Header, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiCreatedResponse, ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal } from '../../../auth/principal.js';
import { AccessKeysController, AdminRoute } from '../../access-keys.route.js';
import { IssueKeyCommand, type IssuedKey } from './issue-key.command.js';
import { IssueKeyRequestDto } from './issue-key.request.dto.js';
import { IssuedKeyDto } from './issued-key.response.dto.js';

@AccessKeysController()
export class IssueKeyController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @AdminRoute()
  // The answer holds a secret: no cache may keep it.
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Issue a key (regulator, auditor, or service for one company); the key is shown in this answer only' })
  @ApiCreatedResponse({ type: IssuedKeyDto })
  @ApiBadRequestResponse({ description: 'a bad role, companyId or label; companyId missing for a service key or given for another role' })
  issue(@Body() body: IssueKeyRequestDto, @CurrentPrincipal() admin: Principal): Promise<IssuedKey> {
    return this.commands.execute(new IssueKeyCommand(body, admin));
  }
}
