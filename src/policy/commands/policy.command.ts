import { Command } from '@nestjs/cqrs';
import type { Principal } from '../../auth/principal.js';
import type { PolicyOutcome } from './policy.outcome.js';

/** Who issued a command: stored as the event metadata `{actor: {role, keyId}}` (docs/design.md). */
export interface Actor {
  readonly role: string;
  readonly keyId: string;
}

export const actorOf = (principal: Principal): Actor => ({ role: principal.role, keyId: principal.keyId });

/** Where a command comes from. */
export interface CommandOrigin {
  readonly actor: Actor;
  /**
   * Set by writers that must append once whoever comes first (the Lingang seeder): event ids
   * are then UUID v5 of this key, so a second writer's append is a store-level repeat.
   */
  readonly idempotencyKey?: string;
}

/**
 * A command on one policy fact: the fact id (from the body for creations, from the path
 * otherwise), the request body, and its origin. Every policy command answers a PolicyOutcome.
 */
export abstract class PolicyCommand<Body> extends Command<PolicyOutcome> {
  constructor(
    readonly id: string,
    readonly body: Body,
    readonly origin: CommandOrigin,
  ) {
    super();
  }
}

/** The origin of a command sent over HTTP. */
export const originOf = (principal: Principal): CommandOrigin => ({ actor: actorOf(principal) });
