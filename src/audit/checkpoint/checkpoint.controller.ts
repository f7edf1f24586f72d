import { Controller, Get, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiTags } from '@nestjs/swagger';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';
import { KnowledgeCutRequestDto } from '../../knowledge-cut/knowledge-cut.request.dto.js';
import { AuditRoute } from '../audit.routes.js';
import { CheckpointDto } from './checkpoint.dto.js';
import { GetCheckpointQuery } from './get-checkpoint.query.js';

/** A signed tree head of the log, to keep and check the log against later (docs/api.md §9). */
@ApiTags('audit')
@Controller('v1/audit')
export class CheckpointController {
  constructor(private readonly queries: QueryBus) {}

  @Get('checkpoint')
  @AuditRoute(
    'A signed checkpoint (tree size, Merkle root, position, timestamp, Ed25519 signature) of the log as known now or at position/knownAt',
    CheckpointDto,
    'a malformed knownAt or position, both given, or a position beyond the head',
  )
  checkpoint(@Query() query: KnowledgeCutRequestDto): Promise<Checkpoint> {
    return this.queries.execute(new GetCheckpointQuery({ knownAt: query.knownAt, position: query.position }));
  }
}
