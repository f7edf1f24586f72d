import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { CutQuery } from '../../../knowledge-cut/knowledge-cuts.js';
import type { TransferView } from '../../transfer.view.js';

/** The transfer as known now or at a knowledge cut, its corrections and its recorded verdict. */
export class GetTransferQuery extends Query<TransferView> {
  constructor(
    readonly transferId: string,
    readonly cut: CutQuery,
    readonly principal: Principal,
  ) {
    super();
  }
}
