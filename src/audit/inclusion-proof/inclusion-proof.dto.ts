import { ApiProperty } from '@nestjs/swagger';
import { CheckpointDto } from '../checkpoint/checkpoint.dto.js';
import type { InclusionProof } from './get-inclusion-proof.query.js';

/** OpenAPI description of `GET /v1/audit/proofs/inclusion`. */
export class InclusionProofDto implements InclusionProof {
  @ApiProperty({ example: 3, description: 'the event’s ordinal in the log (0 for the first event)' }) leafIndex!: number;
  @ApiProperty({ example: 12 }) treeSize!: number;
  @ApiProperty({ description: 'hex SHA-256(0x00 ‖ the 32 bytes of the event’s hash)' }) leafHash!: string;
  @ApiProperty({ type: [String], description: 'hex hashes, leaf side first (RFC 9162 §2.1.3)' }) auditPath!: string[];
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: '4' }) position!: string;
  @ApiProperty({ description: 'the event’s chain hash (hex)' }) hash!: string;
  @ApiProperty({ type: CheckpointDto, description: 'the signed checkpoint of the tree of treeSize events' }) checkpoint!: CheckpointDto;
}
