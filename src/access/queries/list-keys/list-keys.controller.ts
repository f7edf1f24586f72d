import { Get } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { AccessKeysController, AdminRoute } from '../../access-keys.route.js';
import { KeyListingDto } from './key-listing.response.dto.js';
import { ListKeysQuery, type KeyListing } from './list-keys.query.js';

@AccessKeysController()
export class ListKeysController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AdminRoute()
  @ApiOperation({ summary: 'The keys: configured, generated and issued, revoked ones included, never the keys themselves' })
  @ApiOkResponse({ type: KeyListingDto })
  list(): Promise<KeyListing> {
    return this.queries.execute(new ListKeysQuery());
  }
}
