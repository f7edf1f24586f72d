import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, type Principal } from '../../../auth/principal.js';
import { AuthResponses } from '../../../http/auth-responses.js';
import { DEFAULT_PAGE_LIMIT, ListingRequestDto } from '../../../http/listing.request.dto.js';
import type { ReportMeta } from '../get-report/get-report.query.js';
import { ListReportsQuery, type ReportRequestListing } from './list-reports.query.js';

/** OpenAPI description of one requested report. */
export class ReportMetaDto implements ReportMeta {
  @ApiProperty() reportId!: string;
  @ApiProperty({ example: 'company-transfers' }) kind!: string;
  @ApiProperty({ type: Object, example: { companyId: 'tesla-shanghai', from: '2024-05-17', to: '2024-12-31' } }) parameters!: Record<string, string>;
  @ApiProperty({ example: '56', description: 'the knowledge cut of the report' }) cut!: string;
  @ApiProperty({ example: '57', description: 'the position of the ReportRequested event' }) position!: string;
  @ApiProperty({ format: 'date-time', description: 'when it was requested (record time)' }) requestedAt!: string;
  @ApiProperty({ type: Object, example: { role: 'regulator', keyId: 'regulator-3f2a9c1e' }, description: 'who requested it' }) requestedBy!: Record<string, string>;
}

export class ReportRequestListingDto implements ReportRequestListing {
  @ApiProperty({ type: [ReportMetaDto], description: 'in record order' }) items!: ReportMetaDto[];
  @ApiProperty({ example: '60' }) cut!: string;
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

@ApiTags('reports')
@Controller('v1/reports')
export class ListReportsController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @Roles('regulator', 'auditor', 'service')
  @ApiOperation({ summary: 'The reports requested up to knownAt/position (default: now), in record order: who, when, kind, parameters, cut (service keys: those about their own company)' })
  @ApiOkResponse({ type: ReportRequestListingDto })
  @ApiBadRequestResponse({ description: 'a bad cut, limit or cursor' })
  @AuthResponses()
  list(@Query() query: ListingRequestDto, @CurrentPrincipal() principal: Principal): Promise<ReportRequestListing> {
    return this.queries.execute(new ListReportsQuery({ knownAt: query.knownAt, position: query.position }, query.limit ?? DEFAULT_PAGE_LIMIT, query.cursor, principal));
  }
}
