import { TEST_COMPANY } from './test-app.js';

/**
 * A transfer body for POST /v1/transfers: after-sales data of the test company on the Lingang
 * list, inside its term (general, legal with the pack, needs nothing), with `extra` on top.
 */
export const lingangTransfer = (transferId: string, extra: Record<string, unknown> = {}) => ({
  transferId,
  companyId: TEST_COMPANY,
  field: 'icv',
  category: 'after-sales/service-records',
  destination: 'US',
  occurredAt: '2024-06-01T10:00:00+08:00',
  ...extra,
});
