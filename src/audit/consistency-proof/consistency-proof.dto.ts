import { ApiProperty } from '@nestjs/swagger';
import { CheckpointDto } from '../checkpoint/checkpoint.dto.js';
import type { ConsistencyProof } from './get-consistency-proof.query.js';

/** OpenAPI description of `GET /v1/audit/proofs/consistency`. */
export class ConsistencyProofDto implements ConsistencyProof {
  @ApiProperty({ example: 8 }) from!: number;
  @ApiProperty({ example: 12 }) to!: number;
  @ApiProperty({ type: [String], description: 'hex hashes (RFC 9162 §2.1.4); empty when from = to' }) proof!: string[];
  @ApiProperty({ type: CheckpointDto, description: 'the signed checkpoint of the tree of `to` events' }) checkpoint!: CheckpointDto;
}
