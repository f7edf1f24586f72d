import { KnowledgeCutRequestDto } from '../../knowledge-cut/knowledge-cut.request.dto.js';
import { ValidDate } from '../../http/validators.js';

/** `?date=YYYY-MM-DD` plus the shared knowledge cut (`knownAt` or `position`, checked by KnowledgeCuts.resolve). */
export class PolicyStateRequestDto extends KnowledgeCutRequestDto {
  @ValidDate('the day whose policy state is asked for', '2024-06-03')
  date!: string;
}
