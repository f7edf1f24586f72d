import { applyDecorators, Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../../../auth/principal.js';
import { AuthResponses } from '../../../http/auth-responses.js';
import { DEFAULT_PAGE_LIMIT, ListingRequestDto } from '../../../http/listing.request.dto.js';
import type { FactKind } from '../../domain/policy.streams.js';
import { ListPolicyFactsQuery, type PolicyFactListing } from './list-policy-facts.query.js';
import { PolicyFactListingDto } from './policy-fact-listing.dto.js';

/** A policy listing route (roles `regulator`, `auditor`; docs/api.md §13). */
const PolicyListRoute = (tag: string, what: string): MethodDecorator =>
  applyDecorators(
    ApiTags(`policy: ${tag}`),
    Roles('regulator', 'auditor'),
    ApiOperation({ summary: `Every ${what} known at knownAt/position (default: now), in id order, as GET of each answers; paged by a cursor on the first page’s cut` }),
    ApiOkResponse({ type: PolicyFactListingDto }),
    ApiBadRequestResponse({ description: 'a bad cut or limit, or a malformed, altered or foreign cursor' }),
    AuthResponses(),
  );

/** Every policy fact of a kind as known now or at a cut. */
@Controller('v1')
export class ListPolicyFactsController {
  constructor(private readonly queries: QueryBus) {}

  private list(kind: FactKind, { knownAt, position, limit, cursor }: ListingRequestDto): Promise<PolicyFactListing> {
    return this.queries.execute(new ListPolicyFactsQuery(kind, { knownAt, position }, limit ?? DEFAULT_PAGE_LIMIT, cursor));
  }

  @Get('regimes')
  @PolicyListRoute('regimes', 'regime')
  regimes(@Query() query: ListingRequestDto): Promise<PolicyFactListing> {
    return this.list('regime', query);
  }

  @Get('designations')
  @PolicyListRoute('designations', 'designation')
  designations(@Query() query: ListingRequestDto): Promise<PolicyFactListing> {
    return this.list('designation', query);
  }

  @Get('data-lists')
  @PolicyListRoute('data lists', 'data list')
  dataLists(@Query() query: ListingRequestDto): Promise<PolicyFactListing> {
    return this.list('data-list', query);
  }

  @Get('companies')
  @PolicyListRoute('companies', 'company')
  companies(@Query() query: ListingRequestDto): Promise<PolicyFactListing> {
    return this.list('company', query);
  }

  @Get('instruments')
  @PolicyListRoute('instruments', 'instrument')
  instruments(@Query() query: ListingRequestDto): Promise<PolicyFactListing> {
    return this.list('instrument', query);
  }
}
