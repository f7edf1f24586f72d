/**
 * The ledger's closed vocabularies (docs/domain.md §3, §4): the values that policy facts,
 * transfers and verdicts share. Policy events, transfer events, verdicts and request bodies all
 * name these, so they live below every slice.
 */

export type Requirement = 'none' | 'standard-contract' | 'security-assessment' | 'prohibited';
export type Metric = 'personalInfoSubjects' | 'sensitivePersonalInfoSubjects';
export type CountingWindow = 'calendar-year' | 'previous-and-current-calendar-year';
export type Purpose = 'ordinary' | 'contract-necessity' | 'cross-border-hr' | 'emergency';
export type Classification = 'core' | 'important';
export type DataListKind = 'general' | 'negative';
export type InstrumentKind = 'security-assessment' | 'standard-contract' | 'certification';

export const REQUIREMENTS: readonly Requirement[] = ['none', 'standard-contract', 'security-assessment', 'prohibited'];
export const METRICS: readonly Metric[] = ['personalInfoSubjects', 'sensitivePersonalInfoSubjects'];
export const COUNTING_WINDOWS: readonly CountingWindow[] = ['calendar-year', 'previous-and-current-calendar-year'];
export const PURPOSES: readonly Purpose[] = ['ordinary', 'contract-necessity', 'cross-border-hr', 'emergency'];
export const CLASSIFICATIONS: readonly Classification[] = ['core', 'important'];
export const DATA_LIST_KINDS: readonly DataListKind[] = ['general', 'negative'];
export const INSTRUMENT_KINDS: readonly InstrumentKind[] = ['security-assessment', 'standard-contract', 'certification'];

/** What an API key may do (docs/api.md §3). `admin` manages the keys (§12) and nothing else. */
export type Role = 'regulator' | 'auditor' | 'service' | 'admin';
export const ROLES: readonly Role[] = ['regulator', 'auditor', 'service', 'admin'];
/** The roles `POST /v1/keys` issues keys for: admin keys are only configured (docs/api.md §12). */
export type IssuableRole = Exclude<Role, 'admin'>;
export const ISSUABLE_ROLES: readonly IssuableRole[] = ['regulator', 'auditor', 'service'];
