import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import { AuditRoute } from '../audit.routes.js';
import { ConsistencyProofDto } from './consistency-proof.dto.js';
import { ConsistencyProofRequestDto } from './consistency-proof.request.dto.js';
import { GetConsistencyProofQuery, type ConsistencyProof } from './get-consistency-proof.query.js';

/** Proves the log today extends the log an earlier checkpoint saw (docs/api.md §9). */
@ApiTags('audit')
@Controller('v1/audit/proofs')
export class ConsistencyProofController {
  constructor(private readonly queries: QueryBus) {}

  @Get('consistency')
  @AuditRoute(
    'An RFC 9162 consistency proof that the tree of the first `to` events (default: the whole log) extends the tree of the first `from`, with the checkpoint of `to`',
    ConsistencyProofDto,
    'from or to not a decimal integer, from missing, 0 or greater than to, or to beyond the log’s tree',
  )
  consistency(@Query() query: ConsistencyProofRequestDto): Promise<ConsistencyProof> {
    return this.queries.execute(new GetConsistencyProofQuery(Number(query.from), query.to === undefined ? undefined : Number(query.to)));
  }
}
