import { ApiProperty } from '@nestjs/swagger';
import { VerdictDto } from '../../../legality/http/verdict.dto.js';
import type { RecordTransferAnswer } from './record-transfer.command.js';

/** OpenAPI description of the answer; the interface it implements is the type. */
export class RecordTransferAnswerDto implements RecordTransferAnswer {
  @ApiProperty({ example: 'tsl-2024-06-01-0001' }) transferId!: string;
  @ApiProperty({ example: '43', description: 'the ledger position of the TransferRecorded event' }) position!: string;
  @ApiProperty({ type: VerdictDto, description: 'the verdict given now; its position is the knowledge cut used' }) verdict!: VerdictDto;
}
