import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { TransferReader } from '../../transfer.reader.js';
import { transferView, type TransferView } from '../../transfer.view.js';
import { GetTransferQuery } from './get-transfer.query.js';

/** Reads the transfer's own stream: it is always complete, so no projection catch-up is needed. */
@QueryHandler(GetTransferQuery)
export class GetTransferHandler implements IQueryHandler<GetTransferQuery> {
  constructor(private readonly reader: TransferReader) {}

  async execute({ transferId, principal }: GetTransferQuery): Promise<TransferView> {
    return transferView(await this.reader.load(transferId, principal));
  }
}
