import { ApiProperty } from '@nestjs/swagger';
import type { CorrectTransferAnswer } from './correct-transfer.command.js';

/** OpenAPI description of the answer; the interface it implements is the type. */
export class CorrectTransferAnswerDto implements CorrectTransferAnswer {
  @ApiProperty() transferId!: string;
  @ApiProperty({ description: "the caller's correctionId, or else the event's id" }) correctionId!: string;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: '57', description: 'the ledger position from which the correction counts' }) position!: string;
}
