import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { AuthResponses } from '../../../http/auth-responses.js';
import { DEFAULT_PAGE_LIMIT } from '../../../http/listing.request.dto.js';
import { ListTransfersQuery, type TransferListing } from './list-transfers.query.js';
import { ListTransfersRequestDto } from './list-transfers.request.dto.js';
import { TransferListingDto } from './transfer-listing.response.dto.js';

@ApiTags('transfers')
@Controller('v1/transfers')
export class ListTransfersController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('auditor', 'regulator', 'service')
  @ApiOperation({ summary: 'Transfers known at knownAt/position (default: now), filtered, each with its verdict then, the recorded verdict and changed; paged by a cursor that stays on the first page’s cut (service keys: own company only)' })
  @ApiOkResponse({ type: TransferListingDto })
  @ApiBadRequestResponse({ description: 'a bad filter, limit or cut (each named), or a cursor that is malformed, altered or issued for other filters' })
  @AuthResponses('a key whose role may not do this, or a service key naming another company')
  list(@Query() query: ListTransfersRequestDto, @CurrentPrincipal() principal: Principal): Promise<TransferListing> {
    const { knownAt, position, limit, cursor, ...filter } = query;
    return this.queries.execute(new ListTransfersQuery(filter, { knownAt, position }, limit ?? DEFAULT_PAGE_LIMIT, cursor, principal));
  }
}
