import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { KnowledgeCuts } from '../../../knowledge-cut/knowledge-cuts.js';
import { TransferReader } from '../../transfer.reader.js';
import { transferView, type TransferView } from '../../transfer.view.js';
import { GetTransferQuery } from './get-transfer.query.js';

/**
 * Reads the transfer's own stream, which is always complete: only a cut given by the caller
 * needs KnowledgeCuts (to turn knownAt into a position and check it against the head).
 */
@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery> {
  constructor(
    private readonly reader: TransferReader,
    private readonly cuts: KnowledgeCuts,
  ) {}

  async execute({ transferId, cut, principal }: GetTransferQuery): Promise<TransferView> {
    const asOf = cut.knownAt === undefined && cut.position === undefined ? undefined : await this.cuts.resolve(cut);
    return transferView(await this.reader.load(transferId, principal, asOf));
  }
}
