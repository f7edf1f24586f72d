import type { Principal } from '../auth/principal.js';
import type { JsonObject } from '../event-store/event-store.port.js';

/** Event metadata naming who recorded it (docs/design.md "Streams and events"); nothing evaluation depends on. */
export const actorMetadata = (principal: Principal): JsonObject => ({
  actor: {
    role: principal.role,
    keyId: principal.keyId,
    ...(principal.companyId === undefined ? {} : { companyId: principal.companyId }),
  },
});
