import { Id, OneOf, Text } from '../../../http/validators.js';
import { ISSUABLE_ROLES, type IssuableRole } from '../../../common/terms.js';
import type { KeyRequest } from './issue-key.command.js';

/** `POST /v1/keys` (docs/api.md §12). */
export class IssueKeyRequestDto implements KeyRequest {
  @OneOf(ISSUABLE_ROLES, 'what the key may do (admin keys are only configured)')
  role!: IssuableRole;

  @Id('service keys only, and required for them: the one company the key acts for', 'acme-shanghai', true)
  companyId?: string;

  @Text('a note for whoever lists the keys (who holds it, what for)', 'billing exporter, rotated 2025-06', true)
  label?: string;
}
