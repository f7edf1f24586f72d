import { Global, Module } from '@nestjs/common';
import { KnowledgeCuts } from './knowledge-cuts.js';

/**
 * Provides {@link KnowledgeCuts} to every slice (policy, transfers, legality, audit), so none of
 * them imports another to resolve `knownAt`/`position`. Needs `EVENT_STORE` (global).
 */
@Global()
@Module({ providers: [KnowledgeCuts], exports: [KnowledgeCuts] })
export class KnowledgeCutModule {}
