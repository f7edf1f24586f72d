import { ApiProperty } from '@nestjs/swagger';
import { setCreatedOrRepeated, type StatusResponse } from '../../http/created-or-repeated.js';

/** The answer to a policy command (CONTRACT.md "Policy commands"): the fact and the event that answers. */
export class PolicyAnswerDto {
  @ApiProperty({ description: 'the fact id', example: 'lingang-gdl-2024' })
  id!: string;

  @ApiProperty({ description: 'the id of the event appended, or of the original event for an idempotent repeat', format: 'uuid' })
  eventId!: string;

  @ApiProperty({ description: 'the ledger position of that event (decimal string)', example: '42' })
  position!: string;
}

/** What a handler tells its controller: the answer, and whether this call appended it. */
export interface PolicyOutcome {
  readonly answer: PolicyAnswerDto;
  /** False for an idempotent repeat. */
  readonly appended: boolean;
}


/**
 * Sets the status and answers: creations and lifecycle commands 201 when they appended and 200
 * for a repeat; amendments (PUT) always 200 (CONTRACT.md).
 */
export function reply(response: StatusResponse, outcome: PolicyOutcome, method: 'post' | 'put' = 'post'): PolicyAnswerDto {
  setCreatedOrRepeated(response, method === 'post' && outcome.appended);
  return outcome.answer;
}
