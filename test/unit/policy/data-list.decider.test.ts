import { dataListDecider, dataListEntries, type DataListCommand } from '../../../src/policy/domain/data-list.decider.js';
import type { DataListContent, DataListEvent } from '../../../src/policy/domain/policy.events.js';
import { Conflict, NotFound, ValidationFailed } from '../../../src/common/errors.js';
import { given } from '../../support/given.js';

const LIST = 'lingang-gdl-2024';
const serviceRecords = { field: 'icv', category: 'after-sales/service-records' };
const roadVideo = { field: 'icv', category: 'road/exterior-video' };
const publication: DataListContent = {
  listId: LIST,
  kind: 'general',
  title: 'Lingang general data list',
  zones: ['cn-shanghai-lingang'],
  effectiveFrom: '2024-05-17',
  termMonths: 12,
  entries: [serviceRecords, { field: 'biomedicine', category: 'clinical-trials-rnd' }],
};
const published: DataListEvent = { type: 'DataListPublished', data: { ...publication, effectiveUntil: '2025-05-17' } };

const expand = (effectiveFrom: string, entries = [roadVideo]): DataListCommand => ({ type: 'ExpandDataList', data: { listId: LIST, effectiveFrom, entries } });
const withdraw = (effectiveFrom: string, entries = [serviceRecords]): DataListCommand => ({
  type: 'WithdrawDataListEntries',
  data: { listId: LIST, effectiveFrom, entries },
});
const extend = (effectiveUntil: string): DataListCommand => ({ type: 'ExtendDataList', data: { listId: LIST, effectiveUntil } });
const terminate = (effectiveUntil: string): DataListCommand => ({ type: 'TerminateDataList', data: { listId: LIST, effectiveUntil } });
/** The scheduler saw this term end pass by its clock. */
const expire = (effectiveUntil: string): DataListCommand => ({ type: 'ExpireDataList', data: { listId: LIST, effectiveUntil } });
const expiredAt = (effectiveUntil: string): DataListEvent => ({ type: 'DataListExpired', data: { listId: LIST, effectiveUntil } });

describe('data list decider', () => {
  describe('publishing', () => {
    it('resolves a term of 12 months from 2024-05-17 to end on 2025-05-17 (docs/domain.md §2), keeping termMonths', () => {
      given(dataListDecider).when({ type: 'PublishDataList', data: publication }).then(published);
    });

    it('keeps an explicit effectiveUntil as given', () => {
      const explicit = { ...publication, termMonths: undefined, effectiveUntil: '2025-01-01' };
      given(dataListDecider).when({ type: 'PublishDataList', data: explicit }).then({ type: 'DataListPublished', data: explicit });
    });

    it('treats the identical publication as a repeat and other content under the id as a conflict', () => {
      given(dataListDecider, [published]).when({ type: 'PublishDataList', data: publication }).thenRepeats(published);
      given(dataListDecider, [published]).when({ type: 'PublishDataList', data: { ...publication, termMonths: 24 } }).thenThrows(Conflict);
    });

    it('refuses termMonths together with effectiveUntil, a non-positive term, no zones, and repeated entries', () => {
      const bad = { ...publication, effectiveUntil: '2025-01-01', zones: [], entries: [serviceRecords, serviceRecords] };
      expect(given(dataListDecider).when({ type: 'PublishDataList', data: bad }).thenInvalid()).toEqual(['termMonths', 'zones', 'entries.1']);
      expect(given(dataListDecider).when({ type: 'PublishDataList', data: { ...publication, termMonths: 0 } }).thenInvalid()).toContain('termMonths');
    });

    it('refuses an effectiveUntil not after effectiveFrom', () => {
      const bad = { ...publication, termMonths: undefined, effectiveUntil: '2024-05-17' };
      expect(given(dataListDecider).when({ type: 'PublishDataList', data: bad }).thenInvalid()).toEqual(['effectiveUntil']);
    });
  });

  describe('amending', () => {
    it('replaces the content, answers 404 for an unknown list and 400 for a body id that is not the path id', () => {
      const longer = { ...publication, termMonths: 18 };
      given(dataListDecider, [published])
        .when({ type: 'AmendDataList', listId: LIST, data: longer })
        .then({ type: 'DataListAmended', data: { ...longer, effectiveUntil: '2025-11-17' } });
      given(dataListDecider).when({ type: 'AmendDataList', listId: LIST, data: longer }).thenThrows(NotFound);
      expect(given(dataListDecider, [published]).when({ type: 'AmendDataList', listId: 'other', data: longer }).thenInvalid()).toEqual(['listId']);
    });

    it('treats an amendment to the current content as a repeat', () => {
      given(dataListDecider, [published]).when({ type: 'AmendDataList', listId: LIST, data: publication }).thenRepeats(published);
    });

    it('resets the term to the amended one, superseding an earlier extension', () => {
      const extended: DataListEvent = { type: 'DataListExtended', data: { listId: LIST, effectiveUntil: '2026-05-17', previousUntil: '2025-05-17' } };
      const amended: DataListEvent = { type: 'DataListAmended', data: { ...publication, termMonths: 18, effectiveUntil: '2025-11-17' } };
      expect(given(dataListDecider, [published, extended, amended]).state.termEnd).toBe('2025-11-17');
    });
  });

  describe('expanding and withdrawing', () => {
    it('adds entries from a date within the term', () => {
      given(dataListDecider, [published])
        .when(expand('2024-09-01'))
        .then({ type: 'DataListExpanded', data: { listId: LIST, effectiveFrom: '2024-09-01', entries: [roadVideo] } });
    });

    it('refuses dates outside the term and an unknown list', () => {
      expect(given(dataListDecider, [published]).when(expand('2024-05-16')).thenInvalid()).toEqual(['effectiveFrom']);
      expect(given(dataListDecider, [published]).when(expand('2025-05-17')).thenInvalid()).toEqual(['effectiveFrom']);
      expect(given(dataListDecider, [published]).when(withdraw('2025-05-17')).thenInvalid()).toEqual(['effectiveFrom']);
      given(dataListDecider).when(expand('2024-09-01')).thenThrows(NotFound);
    });

    it('refuses to add an entry that is on the list already, naming it', () => {
      expect(given(dataListDecider, [published]).when(expand('2024-09-01', [roadVideo, serviceRecords])).thenInvalid()).toEqual(['entries.1']);
    });

    it('treats the same expansion again as a repeat', () => {
      const expanded: DataListEvent = { type: 'DataListExpanded', data: { listId: LIST, effectiveFrom: '2024-09-01', entries: [roadVideo] } };
      given(dataListDecider, [published, expanded]).when(expand('2024-09-01')).thenRepeats(expanded);
    });

    it('withdraws entries on the list, only those', () => {
      given(dataListDecider, [published])
        .when(withdraw('2024-10-01'))
        .then({ type: 'DataListEntriesWithdrawn', data: { listId: LIST, effectiveFrom: '2024-10-01', entries: [serviceRecords] } });
      expect(given(dataListDecider, [published]).when(withdraw('2024-10-01', [roadVideo])).thenThrows(ValidationFailed).problems).toEqual([
        { field: 'entries.0', reason: 'is not on the list on 2024-10-01' },
      ]);
    });

    it('does not withdraw an expansion before it took effect', () => {
      const expanded: DataListEvent = { type: 'DataListExpanded', data: { listId: LIST, effectiveFrom: '2024-09-01', entries: [roadVideo] } };
      expect(given(dataListDecider, [published, expanded]).when(withdraw('2024-08-01', [roadVideo])).thenInvalid()).toEqual(['entries.0']);
    });

    it('treats the same withdrawal again as a repeat', () => {
      const withdrawn: DataListEvent = { type: 'DataListEntriesWithdrawn', data: { listId: LIST, effectiveFrom: '2024-10-01', entries: [serviceRecords] } };
      given(dataListDecider, [published, withdrawn]).when(withdraw('2024-10-01')).thenRepeats(withdrawn);
    });

    it('tracks each entry over valid time: published, expanded, withdrawn, re-added', () => {
      const history: DataListEvent[] = [
        published,
        { type: 'DataListEntriesWithdrawn', data: { listId: LIST, effectiveFrom: '2024-10-01', entries: [serviceRecords] } },
        { type: 'DataListExpanded', data: { listId: LIST, effectiveFrom: '2025-01-01', entries: [serviceRecords, roadVideo] } },
      ];
      expect(dataListEntries(given(dataListDecider, history).state)).toEqual([
        { ...serviceRecords, periods: [{ effectiveFrom: '2024-05-17', effectiveUntil: '2024-10-01' }, { effectiveFrom: '2025-01-01' }] },
        { field: 'biomedicine', category: 'clinical-trials-rnd', periods: [{ effectiveFrom: '2024-05-17' }] },
        { ...roadVideo, periods: [{ effectiveFrom: '2025-01-01' }] },
      ]);
    });
  });

  describe('extending and terminating', () => {
    const extended: DataListEvent = { type: 'DataListExtended', data: { listId: LIST, effectiveUntil: '2026-05-17', previousUntil: '2025-05-17' } };
    const terminated: DataListEvent = { type: 'DataListTerminated', data: { listId: LIST, effectiveUntil: '2025-01-01', previousUntil: '2025-05-17' } };

    it('extends to a later term end, recording the previous one', () => {
      given(dataListDecider, [published]).when(extend('2026-05-17')).then(extended);
    });

    it('refuses an extension that is not later than the current term end', () => {
      expect(given(dataListDecider, [published]).when(extend('2025-05-17')).thenThrows(ValidationFailed).problems).toEqual([
        { field: 'effectiveUntil', reason: 'must be later than the current term end (2025-05-17)' },
      ]);
      expect(given(dataListDecider, [published, extended]).when(extend('2026-01-01')).thenInvalid()).toEqual(['effectiveUntil']);
    });

    it('terminates early, not before effectiveFrom and only earlier than the term end', () => {
      given(dataListDecider, [published]).when(terminate('2025-01-01')).then(terminated);
      expect(given(dataListDecider, [published]).when(terminate('2025-05-17')).thenInvalid()).toEqual(['effectiveUntil']);
      expect(given(dataListDecider, [published]).when(terminate('2024-05-16')).thenInvalid()).toEqual(['effectiveUntil']);
    });

    it('treats the same extension or termination again as a repeat', () => {
      given(dataListDecider, [published, extended]).when(extend('2026-05-17')).thenRepeats(extended);
      given(dataListDecider, [published, terminated]).when(terminate('2025-01-01')).thenRepeats(terminated);
    });

    it('cannot extend a list without a term end but can terminate it', () => {
      const openEnded: DataListEvent = { type: 'DataListPublished', data: { ...publication, termMonths: undefined, kind: 'negative' } };
      expect(given(dataListDecider, [openEnded]).when(extend('2026-05-17')).thenInvalid()).toEqual(['effectiveUntil']);
      given(dataListDecider, [openEnded])
        .when(terminate('2025-01-01'))
        .then({ type: 'DataListTerminated', data: { listId: LIST, effectiveUntil: '2025-01-01' } });
    });

    it('answers 404 for an unknown list', () => {
      given(dataListDecider).when(extend('2026-05-17')).thenThrows(NotFound);
    });
  });

  describe('renewing after the term end (back-filled history: docs/domain.md §3)', () => {
    const expired = expiredAt('2025-05-17');
    const renewed: DataListEvent = { type: 'DataListExtended', data: { listId: LIST, effectiveUntil: '2025-11-17', previousUntil: '2025-05-17' } };

    it('given the expiry of the term end, an extension is a renewal from the old end to the new one', () => {
      given(dataListDecider, [published, expired]).when(extend('2025-11-17')).then(renewed);
      const state = given(dataListDecider, [published, expired, renewed]).state;
      expect(state.termEnd).toBe('2025-11-17');
      expect(state.expiries).toEqual([expired]);
    });

    it('given a renewal, the same renewal again is a repeat and one not later than the renewed end is refused, naming effectiveUntil', () => {
      given(dataListDecider, [published, expired, renewed]).when(extend('2025-11-17')).thenRepeats(renewed);
      expect(given(dataListDecider, [published, expired, renewed]).when(extend('2025-08-01')).thenThrows(ValidationFailed).problems).toEqual([
        { field: 'effectiveUntil', reason: 'must be later than the current term end (2025-11-17)' },
      ]);
    });

    it('given a renewal, the expiry of the renewed end is its own event, dated at that end, and the earlier one stays', () => {
      given(dataListDecider, [published, expired, renewed]).when(expire('2025-11-17')).then(expiredAt('2025-11-17'));
      const state = given(dataListDecider, [published, expired, renewed, expiredAt('2025-11-17')]).state;
      expect(state.expiries).toEqual([expired, expiredAt('2025-11-17')]);
    });

    it('given a renewal recorded before any expiry, the old term end is never expired: the scheduler names an end that is no longer the term end', () => {
      expect(given(dataListDecider, [published, renewed]).when(expire('2025-05-17')).thenThrows(ValidationFailed).problems).toEqual([
        { field: 'effectiveUntil', reason: `the term of data list ${LIST} ends on 2025-11-17, not 2025-05-17` },
      ]);
    });
  });

  describe('terminating after the term end', () => {
    const expired = expiredAt('2025-05-17');

    it('given the expiry of the term end, a termination earlier than the term end as known is accepted', () => {
      given(dataListDecider, [published, expired]).when(terminate('2025-03-01')).then({ type: 'DataListTerminated', data: { listId: LIST, effectiveUntil: '2025-03-01', previousUntil: '2025-05-17' } });
    });

    it('given the expiry of the term end, a termination not earlier than it, or before effectiveFrom, is refused, naming effectiveUntil', () => {
      expect(given(dataListDecider, [published, expired]).when(terminate('2025-05-17')).thenThrows(ValidationFailed).problems).toEqual([
        { field: 'effectiveUntil', reason: 'must be earlier than the current term end (2025-05-17)' },
      ]);
      expect(given(dataListDecider, [published, expired]).when(terminate('2024-05-16')).thenInvalid()).toEqual(['effectiveUntil']);
    });

    it('given a renewal, a later early end is judged against the renewed term end', () => {
      const renewed: DataListEvent = { type: 'DataListExtended', data: { listId: LIST, effectiveUntil: '2026-05-17', previousUntil: '2025-05-17' } };
      const history = [published, expired, renewed];
      given(dataListDecider, history).when(terminate('2025-11-17')).then({ type: 'DataListTerminated', data: { listId: LIST, effectiveUntil: '2025-11-17', previousUntil: '2026-05-17' } });
      expect(given(dataListDecider, history).when(terminate('2026-05-17')).thenInvalid()).toEqual(['effectiveUntil']);
    });

    it('given the termination, the early end expires as its own event; the expiry of the old end stays', () => {
      const terminated: DataListEvent = { type: 'DataListTerminated', data: { listId: LIST, effectiveUntil: '2025-03-01', previousUntil: '2025-05-17' } };
      given(dataListDecider, [published, expired, terminated]).when(expire('2025-03-01')).then(expiredAt('2025-03-01'));
      expect(given(dataListDecider, [published, expired, terminated, expiredAt('2025-03-01')]).state.expiries).toEqual([expired, expiredAt('2025-03-01')]);
    });
  });

  describe('expiring', () => {
    const expired = expiredAt('2025-05-17');

    it('records the expiry of the term end the scheduler saw pass, with the term end as its date', () => {
      given(dataListDecider, [published]).when(expire('2025-05-17')).then(expired);
    });

    it('refuses the expiry of a date that is not the term end as known, naming effectiveUntil', () => {
      expect(given(dataListDecider, [published]).when(expire('2025-05-16')).thenInvalid()).toEqual(['effectiveUntil']);
      given(dataListDecider).when(expire('2025-05-17')).thenThrows(NotFound);
    });

    it('treats a second expiry of the same term end as a repeat, even after the term moved away and back', () => {
      given(dataListDecider, [published, expired]).when(expire('2025-05-17')).thenRepeats(expired);
      const renewed: DataListEvent = { type: 'DataListExtended', data: { listId: LIST, effectiveUntil: '2025-11-17', previousUntil: '2025-05-17' } };
      const amendedBack: DataListEvent = { type: 'DataListAmended', data: { ...(published.data as DataListContent), title: 'amended, term as published' } };
      given(dataListDecider, [published, expired, renewed, amendedBack]).when(expire('2025-05-17')).thenRepeats(expired);
    });

    it('expires at the term end as terminated', () => {
      const terminated: DataListEvent = { type: 'DataListTerminated', data: { listId: LIST, effectiveUntil: '2025-01-01', previousUntil: '2025-05-17' } };
      given(dataListDecider, [published, terminated]).when(expire('2025-01-01')).then(expiredAt('2025-01-01'));
    });

    it('never expires a list without a term end', () => {
      const openEnded: DataListEvent = { type: 'DataListPublished', data: { ...publication, termMonths: undefined } };
      expect(given(dataListDecider, [openEnded]).when(expire('2030-01-01')).thenInvalid()).toEqual(['listId']);
    });
  });
});
