import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { LegalityService } from '../../../legality/legality.service.js';
import { TransferReader } from '../../transfer.reader.js';
import { transferView, type TransferView } from '../../transfer.view.js';
import { GetTransferQuery } from './get-transfer.query.js';

/**
 * Reads the transfer's own stream, which is always complete: only a cut given by the caller
 * needs LegalityService (to turn knownAt into a position and check it against the head).
 */
@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery> {
  constructor(
    private readonly reader: TransferReader,
    private readonly legality: LegalityService,
  ) {}

  async execute({ transferId, cut, principal }: GetTransferQuery): Promise<TransferView> {
    const asOf = cut.knownAt === undefined && cut.position === undefined ? undefined : await this.legality.resolveCut(cut);
    return transferView(await this.reader.load(transferId, principal, asOf));
  }
}
