/**
 * Reports are commands (docs/api.md §14): requesting one records `ReportRequested` in the report's
 * own stream `report-<reportId>`, so which reports were pulled, by whom and as of which ledger
 * position is itself in the audited log. The event names the cut as a position: every rendering
 * reads the log up to it only, so it is the same at every rendering.
 */

export type ReportKind = 'company-transfers' | 'illegal-transfers' | 'zone-pilot' | 'verdict-drift' | 'policy-changes';

export const REPORT_KINDS: readonly ReportKind[] = ['company-transfers', 'illegal-transfers', 'zone-pilot', 'verdict-drift', 'policy-changes'];

/** The kinds a service key may request, for its own company only. */
export const SERVICE_REPORT_KINDS: readonly ReportKind[] = ['company-transfers', 'illegal-transfers'];

/** A report's parameters as recorded: strings, by name (report.parameters.ts checks them per kind). */
export type ReportParameters = Readonly<Record<string, string>>;

/** Who asked (the key's role and id, and a service key's company): never the key itself. */
export interface ReportRequester {
  readonly role: string;
  readonly keyId: string;
  readonly companyId?: string;
}

export interface ReportRequested {
  readonly type: 'ReportRequested';
  readonly data: {
    readonly reportId: string;
    readonly kind: ReportKind;
    readonly parameters: ReportParameters;
    /** The knowledge cut, resolved when it was requested (decimal position). */
    readonly cut: string;
    /** The cut as the request gave it (`knownAt`, `position`, or neither: the head then), to tell a repeated request. */
    readonly asked: { readonly knownAt?: string; readonly position?: string };
    readonly requestedBy: ReportRequester;
  };
}

export const reportStream = (reportId: string): string => `report-${reportId}`;
