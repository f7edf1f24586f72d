import { KnowledgeCutRequestDto } from '../../policy/http/knowledge-cut.request.dto.js';
import { ValidDate } from '../../policy/http/policy.validators.js';

/** `?date=YYYY-MM-DD` plus the shared knowledge cut (`knownAt` or `position`, checked by LegalityService.resolveCut). */
export class PolicyStateRequestDto extends KnowledgeCutRequestDto {
  @ValidDate('the day whose policy state is asked for', '2024-06-03')
  date!: string;
}
