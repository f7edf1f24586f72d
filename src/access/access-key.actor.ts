import type { JsonObject } from '../event-store/event-store.port.js';
import type { Principal } from '../auth/principal.js';

/** Event metadata naming the admin key that changed access (docs/design.md "Streams and events"). */
export const actorMetadata = (admin: Principal): JsonObject => ({ actor: { role: admin.role, keyId: admin.keyId } });
