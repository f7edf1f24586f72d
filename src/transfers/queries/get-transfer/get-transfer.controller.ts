import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { KnowledgeCutRequestDto } from '../../../knowledge-cut/knowledge-cut.request.dto.js';
import { TransferViewDto } from './transfer-view.response.dto.js';
import type { TransferView } from '../../transfer.view.js';
import { GetTransferQuery } from './get-transfer.query.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('transfers')
@Controller('v1/transfers')
export class GetTransferController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':transferId')
  @Roles('auditor', 'regulator', 'service')
  @ApiOperation({ summary: 'The transfer as known now (or at knownAt/position), its corrections and the verdict recorded with it (service keys: own company only)' })
  @ApiOkResponse({ type: TransferViewDto })
  @ApiNotFoundResponse({ description: 'no such transfer (as known at the cut)' })
  get(@Param('transferId', IdPipe) transferId: string, @Query() cut: KnowledgeCutRequestDto, @CurrentPrincipal() principal: Principal): Promise<TransferView> {
    return this.queries.execute(new GetTransferQuery(transferId, cut, principal));
  }
}
