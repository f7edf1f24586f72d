import { Controller, Get, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { IdPipe } from '../../../http/id.pipe.js';
import { KnowledgeCutRequestDto } from '../../../knowledge-cut/knowledge-cut.request.dto.js';
import { GetPolicyFactQuery } from './get-policy-fact.query.js';
import type { PolicyFact } from './policy-fact.views.js';
import { PolicyReadRoute } from './policy-read.route.js';

/** Every policy fact as known now or at `knownAt`/`position`, with its history (one route per fact kind). */
@Controller('v1')
export class GetPolicyFactController {
  constructor(private readonly queries: QueryBus) {}

  @Get('regimes/:regimeId')
  @PolicyReadRoute('regimes', 'A regime as known now or at knownAt/position, with its history')
  regime(@Param('regimeId', IdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFact> {
    return this.queries.execute(new GetPolicyFactQuery('regime', id, cut));
  }

  @Get('designations/:designationId')
  @PolicyReadRoute('designations', 'A designation as known now or at knownAt/position, with its history')
  designation(@Param('designationId', IdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFact> {
    return this.queries.execute(new GetPolicyFactQuery('designation', id, cut));
  }

  @Get('data-lists/:listId')
  @PolicyReadRoute('data lists', 'A data list (content, term end, entries over time) as known now or at knownAt/position, with its history')
  dataList(@Param('listId', IdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFact> {
    return this.queries.execute(new GetPolicyFactQuery('data-list', id, cut));
  }

  @Get('companies/:companyId')
  @PolicyReadRoute('companies', 'A company (registrations, CIIO status) as known now or at knownAt/position, with its history')
  company(@Param('companyId', IdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFact> {
    return this.queries.execute(new GetPolicyFactQuery('company', id, cut));
  }

  @Get('instruments/:instrumentId')
  @PolicyReadRoute('instruments', 'An instrument as known now or at knownAt/position, with its history')
  instrument(@Param('instrumentId', IdPipe) id: string, @Query() cut: KnowledgeCutRequestDto): Promise<PolicyFact> {
    return this.queries.execute(new GetPolicyFactQuery('instrument', id, cut));
  }
}
