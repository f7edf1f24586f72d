import { Body, Controller, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { RecordTransferAnswerDto } from './record-transfer.response.dto.js';
import { setCreatedOrRepeated, type StatusResponse } from '../../../http/created-or-repeated.js';
import { RecordTransferCommand, type RecordTransferAnswer } from './record-transfer.command.js';
import { RecordTransferRequestDto } from './record-transfer.request.dto.js';

@ApiTags('transfers')
@Controller('v1/transfers')
export class RecordTransferController {
  constructor(private readonly commands: CommandBus) {}

  @Post()
  @Roles('service')
  @ApiOperation({ summary: 'Record a transfer with the verdict of this moment (service key, own company only)' })
  @ApiCreatedResponse({ type: RecordTransferAnswerDto, description: 'recorded with the verdict of this moment' })
  @ApiOkResponse({ type: RecordTransferAnswerDto, description: 'the identical body again: the first answer' })
  @ApiConflictResponse({ description: 'the same transferId with other content' })
  async record(
    @Body() body: RecordTransferRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<RecordTransferAnswer> {
    const { created, answer } = await this.commands.execute(new RecordTransferCommand(body, principal));
    setCreatedOrRepeated(response, created);
    return answer;
  }
}
