import { Query } from '@nestjs/cqrs';
import type { Principal } from '../../../auth/principal.js';
import type { TransferView } from '../../transfer.view.js';

/** The transfer as now known, its corrections and its recorded verdict. */
export class GetTransferQuery extends Query<TransferView> {
  constructor(
    readonly transferId: string,
    readonly principal: Principal,
  ) {
    super();
  }
}
