import { TreeSizeParam } from '../audit.routes.js';

/** `?from=&to=`. */
export class ConsistencyProofRequestDto {
  @TreeSizeParam('the tree size of the earlier checkpoint (at least 1)', false)
  from!: string;

  @TreeSizeParam('the later tree size (default: the whole log)', true)
  to?: string;
}
