import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import { AuditRoute } from '../audit.routes.js';
import { GetInclusionProofQuery, type InclusionProof } from './get-inclusion-proof.query.js';
import { InclusionProofDto } from './inclusion-proof.dto.js';
import { InclusionProofRequestDto } from './inclusion-proof.request.dto.js';

/** Proves one event is in a checkpoint's tree (docs/api.md §9). */
@ApiTags('audit')
@Controller('v1/audit/proofs')
export class InclusionProofController {
  constructor(private readonly queries: QueryBus) {}

  @Get('inclusion')
  @AuditRoute(
    'An RFC 9162 inclusion proof of an event in the tree of the first treeSize events (default: the whole log), with that tree’s checkpoint',
    InclusionProofDto,
    'eventId not a UUID, or treeSize not a decimal integer, beyond the log’s tree, or not greater than the event’s leaf index',
  )
  @ApiNotFoundResponse({ description: 'no event with that id in the log' })
  inclusion(@Query() query: InclusionProofRequestDto): Promise<InclusionProof> {
    return this.queries.execute(new GetInclusionProofQuery(query.eventId, query.treeSize === undefined ? undefined : Number(query.treeSize)));
  }
}
