import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { KnowledgeCutRequestDto } from '../../../knowledge-cut/knowledge-cut.request.dto.js';
import { TransferLegalityDto } from './transfer-legality.response.dto.js';
import { GetTransferLegalityQuery, type TransferLegalityView } from './get-transfer-legality.query.js';
import { IdPipe } from '../../../http/id.pipe.js';

@ApiTags('transfers')
@Controller('v1/transfers')
export class GetTransferLegalityController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':transferId/legality')
  @Roles('auditor', 'regulator', 'service')
  @ApiOperation({ summary: 'The verdict recomputed as known at knownAt or position (default: now), with the recorded verdict and what changed' })
  @ApiOkResponse({ type: TransferLegalityDto, description: 'the verdict fields plus `recordedVerdict`, `changed` and, when changed, `differences`' })
  @ApiBadRequestResponse({ description: 'a malformed knownAt or position, both given, or a position beyond the head' })
  @ApiNotFoundResponse({ description: 'no such transfer' })
  legality(
    @Param('transferId', IdPipe) transferId: string,
    @Query() query: KnowledgeCutRequestDto,
    @CurrentPrincipal() principal: Principal,
  ): Promise<TransferLegalityView> {
    return this.queries.execute(new GetTransferLegalityQuery(transferId, query, principal));
  }
}
