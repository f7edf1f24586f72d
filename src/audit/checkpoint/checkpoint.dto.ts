import { ApiProperty } from '@nestjs/swagger';
import type { Checkpoint } from '../../common/merkle/checkpoint.js';

/** OpenAPI description of a checkpoint (src/common/merkle/checkpoint.ts is the type). */
export class CheckpointDto implements Checkpoint {
  @ApiProperty({ example: 12, description: 'the number of ledger events the tree holds (the first ones, in log order)' }) treeSize!: number;
  @ApiProperty({ example: '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328', description: 'hex SHA-256 Merkle root (RFC 9162) of those events; leaf i = SHA-256(0x00 ‖ the 32 bytes of event i’s hash)' })
  rootHash!: string;
  @ApiProperty({ example: '12', description: 'the ledger position of the tree’s last event ("0" for the empty tree)' }) position!: string;
  @ApiProperty({ example: '2024-05-17T02:00:00.000Z', description: 'when the tree’s last event was recorded (the Unix epoch for the empty tree)' }) timestamp!: string;
  @ApiProperty({ description: 'base64 Ed25519 signature over the UTF-8 of the canonical JSON (sorted keys, no spaces) of treeSize, rootHash, position and timestamp' })
  signature!: string;
}
