import type { FactKind } from '../../domain/policy.streams.js';

/**
 * Which policy facts of a kind are known at a cut, in id order: an index of the read model, so
 * that a listing page never scans the log. The legality read model holds every fact's state at
 * every cut and provides it (src/legality/legality.module.ts); the policy slice only names what
 * it needs, so that no policy file depends on legality (legality reads policy's events).
 */
export interface KnownPolicyFacts {
  idsAt(kind: FactKind, cut: bigint): readonly string[];
}

export const KNOWN_POLICY_FACTS = Symbol('KNOWN_POLICY_FACTS');
