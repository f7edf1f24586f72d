import { PolicyCommand } from '../policy.command.js';

/** Record that a data list's term has ended (the expiry scheduler; DOMAIN.md §3 "Expiry"). No HTTP route. */
export class ExpireDataListCommand extends PolicyCommand<Record<string, never>> {}
