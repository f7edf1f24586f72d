// How the console writes dates, verdicts and events. Every instant is shown in Shanghai time,
// with the time zone named, as the ledger's dates are Shanghai calendar dates (docs/domain.md §2).

export const ZONE = 'Asia/Shanghai';

const PARTS = new Intl.DateTimeFormat('en-CA', {
  timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

/** `2024-06-01 10:00:00 Asia/Shanghai` for an ISO instant. */
export function shanghaiInstant(iso) {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return String(iso);
  const p = Object.fromEntries(PARTS.formatToParts(date).map((part) => [part.type, part.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second} ${ZONE}`;
}

/** A ledger date (`YYYY-MM-DD`) is already a Shanghai calendar date. */
export const shanghaiDate = (date) => (date ? `${date} (${ZONE})` : '—');

/** `2024-06-01T10:00` typed into a datetime-local field, read as Shanghai time. */
export const instantFromShanghaiLocal = (local) => (local ? `${local.length === 16 ? `${local}:00` : local}+08:00` : '');

/** Today's Shanghai date. */
export const shanghaiToday = () => shanghaiInstant(new Date().toISOString()).slice(0, 10);

export function verdictWords(verdict) {
  if (!verdict) return '—';
  const requirement = {
    none: 'no requirement',
    'standard-contract': 'requires a standard contract',
    'security-assessment': 'requires a security assessment',
    prohibited: 'prohibited',
  }[verdict.requirement] ?? verdict.requirement;
  return `${verdict.legal ? 'Legal' : 'Illegal'} · ${requirement} · ${verdict.classification} data`;
}

const span = (from, until) => (from ? (until ? `from ${from} until ${until} (exclusive)` : `from ${from}, open-ended`) : '');
const entry = (s, prefix = '') => (s[`${prefix}category`] ? `${s[`${prefix}field`]}/${s[`${prefix}category`]}` : s[`${prefix}field`]);

/**
 * The valid-time effect of a timeline event in words, from its type and summary (docs/api.md §9:
 * scalars as recorded, lists by their size). The fact's page has the full content.
 */
export function effectInWords(event) {
  const s = event.summary ?? {};
  switch (event.type) {
    case 'RegimeEnacted':
    case 'RegimeAmended':
      return `Regime ${s.regimeId} ${event.type === 'RegimeEnacted' ? 'enacted' : 'amended'}: in force ${span(s.effectiveFrom, s.effectiveUntil)}; counting window ${s.countingWindow}; thresholds: ${s.thresholds}`;
    case 'RegimeRepealed':
      return `Regime ${s.regimeId} repealed: no longer in force from ${s.effectiveFrom}`;
    case 'DataDesignated':
    case 'DesignationAmended':
      return `Designation ${s.designationId} ${event.type === 'DataDesignated' ? 'made' : 'amended'}: ${entry(s)} classified ${s.classification}, ${span(s.effectiveFrom, s.effectiveUntil)}`;
    case 'DesignationLifted':
      return `Designation ${s.designationId} lifted: no longer in force from ${s.effectiveFrom}`;
    case 'DataListPublished':
    case 'DataListAmended':
      return `${s.kind} data list ${s.listId} ${event.type === 'DataListPublished' ? 'published' : 'amended'} (zones: ${s.zones}; entries: ${s.entries}): in force ${span(s.effectiveFrom, s.effectiveUntil)}`;
    case 'DataListExpanded':
      return `Data list ${s.listId} expanded from ${s.effectiveFrom}: ${s.entries} added`;
    case 'DataListEntriesWithdrawn':
      return `Data list ${s.listId}: ${s.entries} withdrawn from ${s.effectiveFrom}`;
    case 'DataListExtended':
      return `Data list ${s.listId} extended: its term now ends ${s.effectiveUntil}`;
    case 'DataListTerminated':
      return `Data list ${s.listId} terminated early: its term now ends ${s.effectiveUntil}`;
    case 'DataListExpired':
      return `Data list ${s.listId} expired: its term ended ${s.effectiveUntil}`;
    case 'CompanyRegistered':
      return `${s.companyId} registered in ${s.zoneId} ${span(s.effectiveFrom, s.effectiveUntil)}`;
    case 'CompanyDeregistered':
      return `${s.companyId} deregistered from ${s.zoneId}: not registered there from ${s.effectiveFrom}`;
    case 'CompanyDesignatedCiio':
      return `${s.companyId} designated a critical information infrastructure operator from ${s.effectiveFrom}`;
    case 'CompanyCiioLifted':
      return `${s.companyId} no longer a critical information infrastructure operator from ${s.effectiveFrom}`;
    case 'InstrumentGranted':
    case 'InstrumentAmended':
      return `${s.kind} ${s.instrumentId} of ${s.companyId} ${event.type === 'InstrumentGranted' ? 'granted' : 'amended'}: in force ${span(s.effectiveFrom, s.effectiveUntil)}`;
    case 'InstrumentRevoked':
      return `Instrument ${s.instrumentId} revoked: no longer in force from ${s.effectiveFrom}`;
    case 'TransferRecorded':
      return `Transfer ${s.transferId} of ${s.companyId}: ${entry(s)} to ${s.destination} on ${s.date}; recorded ${s['verdict.legal'] ? 'legal' : 'illegal'} (${s['verdict.requirement']})`;
    case 'TransferCorrected':
      return `Transfer ${s.transferId} corrected (${Object.keys(s).filter((k) => k.startsWith('changes.')).map((k) => `${k.slice(8)} ${s[k]}`).join(', ') || 'changes'}), from this record on`;
    case 'ReportRequested':
      return `Report ${s.reportId} (${s.kind}) requested at cut ${s.cut}`;
    case 'AccessKeyIssued':
      return `Key ${s.keyId} issued (${s.role}${s.companyId ? ` for ${s.companyId}` : ''})`;
    case 'AccessKeyRevoked':
      return `Key ${s.keyId} revoked`;
    case 'CheckpointSealed':
      return `Log sealed: the first ${s.treeSize} events, root ${String(s.rootHash ?? '').slice(0, 16)}…`;
    default:
      return Object.entries(s).slice(0, 4).map(([k, v]) => `${k} ${v}`).join(', ');
  }
}

const STREAM_KINDS = [
  ['data-list-', 'data-lists'], ['regime-', 'regimes'], ['designation-', 'designations'], ['company-', 'companies'], ['instrument-', 'instruments'],
  ['transfer-', 'transfers'], ['report-', 'reports'],
];

/** The console page of the fact a stream holds (`#/fact/regimes/x`, `#/transfer/t-1`), or undefined. */
export function factLink(stream) {
  for (const [prefix, kind] of STREAM_KINDS) {
    if (!stream.startsWith(prefix)) continue;
    const id = stream.slice(prefix.length);
    if (kind === 'transfers') return { href: `#/transfer/${encodeURIComponent(id)}`, id };
    if (kind === 'reports') return { href: `#/reports`, id };
    return { href: `#/fact/${kind}/${encodeURIComponent(id)}`, id };
  }
  return undefined;
}

export const actorWords = (actor) => (!actor ? '—' : `${actor.role}${actor.keyId ? ` (${actor.keyId})` : ''}${actor.companyId ? ` for ${actor.companyId}` : ''}`);
