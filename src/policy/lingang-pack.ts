import { DesignateDataCommand } from './commands/designate-data/designate-data.command.js';
import { EnactRegimeCommand } from './commands/enact-regime/enact-regime.command.js';
import type { CommandOrigin, PolicyCommand } from './commands/policy.command.js';
import { PublishDataListCommand } from './commands/publish-data-list/publish-data-list.command.js';
import { RegisterCompanyCommand } from './commands/register-company/register-company.command.js';
import type { DataEntry, RegimeContent, Threshold } from './domain/policy.events.js';

/**
 * The Lingang policy pack (docs/domain.md §5) as ordinary policy commands: seeding dispatches them
 * through the same handlers as the HTTP API, so they become ordinary events.
 */

/** Seeded events name the system as their actor, and take UUID v5 ids so two seeding instances append them once. */
export const SEED_ORIGIN: CommandOrigin = { actor: { role: 'system', keyId: 'seed' }, idempotencyKey: 'seed:lingang' };

const threshold = (metric: Threshold['metric'], atLeast: number, requirement: Threshold['requirement']): Threshold => ({ metric, atLeast, requirement });
const regime = (content: RegimeContent) => new EnactRegimeCommand(content.regimeId, content, SEED_ORIGIN);
const important = (designationId: string, field: string, category?: string) =>
  new DesignateDataCommand(
    designationId,
    { designationId, field, ...(category === undefined ? {} : { category }), classification: 'important', effectiveFrom: '2021-10-01' },
    SEED_ORIGIN,
  );
const icv = (category: string): DataEntry => ({ field: 'icv', category });

/** The 2022 assessment thresholds, kept by the 2023 standard contract measures. */
const ASSESSMENT_2022 = [threshold('personalInfoSubjects', 100_000, 'security-assessment'), threshold('sensitivePersonalInfoSubjects', 10_000, 'security-assessment')];

export const LINGANG_PACK: readonly PolicyCommand<object>[] = [
  regime({
    regimeId: 'cn-2022-assessment-measures',
    title: 'Measures for the security assessment of outbound data transfers',
    effectiveFrom: '2022-09-01',
    countingWindow: 'previous-and-current-calendar-year',
    thresholds: ASSESSMENT_2022,
    exemptPurposes: [],
  }),
  regime({
    regimeId: 'cn-2023-standard-contract',
    title: 'Measures on the standard contract for outbound transfers of personal information',
    effectiveFrom: '2023-06-01',
    countingWindow: 'previous-and-current-calendar-year',
    thresholds: [...ASSESSMENT_2022, threshold('personalInfoSubjects', 1, 'standard-contract'), threshold('sensitivePersonalInfoSubjects', 1, 'standard-contract')],
    exemptPurposes: [],
  }),
  regime({
    regimeId: 'cn-2024-cross-border-provisions',
    title: 'Provisions on promoting and regulating cross-border data flows',
    effectiveFrom: '2024-03-22',
    countingWindow: 'calendar-year',
    thresholds: [
      threshold('personalInfoSubjects', 100_000, 'standard-contract'),
      threshold('personalInfoSubjects', 1_000_000, 'security-assessment'),
      threshold('sensitivePersonalInfoSubjects', 1, 'standard-contract'),
      threshold('sensitivePersonalInfoSubjects', 10_000, 'security-assessment'),
    ],
    exemptPurposes: ['contract-necessity', 'cross-border-hr', 'emergency'],
  }),
  // Reading (docs/domain.md §5): the whole icv field is important, a conservative reading of the 2021 automotive data provisions.
  important('cn-auto-data-conservative', 'icv'),
  // A designation covers a field or one category of it, so the two road-data categories are two designations.
  important('cn-auto-road-data', 'icv', 'road/exterior-video'),
  important('cn-auto-road-data-trajectories', 'icv', 'road/fleet-trajectories'),
  new PublishDataListCommand(
    'lingang-gdl-2024',
    {
      listId: 'lingang-gdl-2024',
      kind: 'general',
      title: 'Lingang general data list (pilot)',
      zones: ['cn-shanghai-lingang'],
      // Reading (docs/domain.md §5): from 17 May 2024 for 12 months, so in force through 2025-05-16.
      effectiveFrom: '2024-05-17',
      termMonths: 12,
      entries: [
        ...[
          'manufacturing/production-management',
          'manufacturing/parts-procurement',
          'manufacturing/inventory',
          'manufacturing/quality',
          'manufacturing/logistics',
          'rnd/product-design',
          'rnd/testing',
          'after-sales/vehicle-basic-info',
          'after-sales/service-records',
          'after-sales/fault-analysis',
          'used-car/vehicle-history',
        ].map(icv),
        { field: 'public-funds', category: 'fund-market-research' },
        { field: 'biomedicine', category: 'clinical-trials-rnd' },
      ],
    },
    SEED_ORIGIN,
  ),
  new RegisterCompanyCommand('tesla-shanghai', { zoneId: 'cn-shanghai-lingang', effectiveFrom: '2018-10-17' }, SEED_ORIGIN),
];
