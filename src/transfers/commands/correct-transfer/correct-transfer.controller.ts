import { Body, Controller, Param, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { CorrectTransferAnswerDto } from './correct-transfer.response.dto.js';
import { setCreatedOrRepeated, type StatusResponse } from '../../../http/created-or-repeated.js';
import { CorrectTransferCommand, type CorrectTransferAnswer } from './correct-transfer.command.js';
import { CorrectTransferRequestDto } from './correct-transfer.request.dto.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('transfers')
@Controller('v1/transfers')
export class CorrectTransferController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':transferId/corrections')
  @Roles('service')
  @ApiOperation({ summary: "Correct a recorded transfer (service key, own company only); later verdicts count the corrected values" })
  @ApiCreatedResponse({ type: CorrectTransferAnswerDto, description: 'the correction counts from its position on' })
  @ApiOkResponse({ type: CorrectTransferAnswerDto, description: 'the same correctionId with the same changes again: the first answer' })
  @ApiNotFoundResponse({ description: 'no such transfer' })
  async correct(
    @Param('transferId', IdPipe) transferId: string,
    @Body() body: CorrectTransferRequestDto,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) response: StatusResponse,
  ): Promise<CorrectTransferAnswer> {
    const { correctionId, ...changes } = body;
    const { created, answer } = await this.commands.execute(new CorrectTransferCommand(transferId, changes, correctionId, principal));
    setCreatedOrRepeated(response, created);
    return answer;
  }
}
