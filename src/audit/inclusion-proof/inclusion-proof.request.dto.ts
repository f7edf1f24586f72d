import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { UUID_PATTERN } from '../../common/ids.js';
import { TreeSizeParam } from '../audit.routes.js';

/** `?eventId=&treeSize=`. */
export class InclusionProofRequestDto {
  @ApiProperty({ format: 'uuid', description: 'the event to prove (its eventId in the timeline or in any read)' })
  @Matches(UUID_PATTERN, { message: '$property must be a UUID' })
  eventId!: string;

  @TreeSizeParam('the tree to prove it in: the first treeSize events (default: the whole log); greater than the event’s leaf index', true)
  treeSize?: string;
}
