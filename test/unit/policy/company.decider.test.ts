import { append, repeat } from '../../../src/common/decider.js';
import { companyDecider, type CompanyCommand } from '../../../src/policy/domain/company.decider.js';
import type { CompanyEvent } from '../../../src/policy/domain/policy.events.js';
import { Conflict } from '../../../src/common/errors.js';
import { fieldsOf, given, problemsOf, thrownBy } from './given.js';

const TESLA = 'tesla-shanghai';
const LINGANG = 'cn-shanghai-lingang';
const registered: CompanyEvent = { type: 'CompanyRegistered', data: { companyId: TESLA, zoneId: LINGANG, effectiveFrom: '2018-10-17' } };
const register = (zoneId: string, effectiveFrom: string, effectiveUntil?: string): CompanyCommand => ({
  type: 'RegisterCompany',
  data: { companyId: TESLA, zoneId, effectiveFrom, ...(effectiveUntil ? { effectiveUntil } : {}) },
});
const deregister = (zoneId: string, effectiveFrom: string): CompanyCommand => ({ type: 'DeregisterCompany', data: { companyId: TESLA, zoneId, effectiveFrom } });
const ciio = (value: boolean, effectiveFrom: string): CompanyCommand => ({ type: 'SetCompanyCiio', data: { companyId: TESLA, ciio: value, effectiveFrom } });

describe('company decider', () => {
  describe('registering', () => {
    it('registers a company the ledger has not seen in a zone', () => {
      expect(given(companyDecider).when(register(LINGANG, '2018-10-17'))).toEqual(append(registered));
    });

    it('treats the identical registration as a repeat', () => {
      expect(given(companyDecider, [registered]).when(register(LINGANG, '2018-10-17'))).toEqual(repeat(registered));
    });

    it('refuses a different registration overlapping one in the same zone (409)', () => {
      expect(thrownBy(() => given(companyDecider, [registered]).when(register(LINGANG, '2020-01-01')))).toBeInstanceOf(Conflict);
    });

    it('accepts registrations in other zones and disjoint intervals in the same zone', () => {
      const bounded: CompanyEvent = { type: 'CompanyRegistered', data: { companyId: TESLA, zoneId: LINGANG, effectiveFrom: '2018-10-17', effectiveUntil: '2020-01-01' } };
      expect(given(companyDecider, [bounded]).when(register(LINGANG, '2020-01-01')).kind).toBe('append');
      expect(given(companyDecider, [registered]).when(register('cn-hainan-ftp', '2021-01-01')).kind).toBe('append');
    });

    it('refuses an interval that does not move forward', () => {
      expect(fieldsOf(() => given(companyDecider).when(register(LINGANG, '2020-01-01', '2019-01-01')))).toEqual(['effectiveUntil']);
    });
  });

  describe('deregistering', () => {
    const deregistered: CompanyEvent = { type: 'CompanyDeregistered', data: { companyId: TESLA, zoneId: LINGANG, effectiveFrom: '2025-01-01' } };

    it('ends the registration in the zone from a date', () => {
      expect(given(companyDecider, [registered]).when(deregister(LINGANG, '2025-01-01'))).toEqual(append(deregistered));
      expect(given(companyDecider, [registered, deregistered]).state.registrations[0]).toMatchObject({ effectiveFrom: '2018-10-17', effectiveUntil: '2025-01-01' });
    });

    it('treats the same deregistration again as a repeat', () => {
      expect(given(companyDecider, [registered, deregistered]).when(deregister(LINGANG, '2025-01-01'))).toEqual(repeat(deregistered));
    });

    it('names zoneId for a zone the company is not registered in, effectiveFrom for a date outside its registration', () => {
      expect(problemsOf(() => given(companyDecider, [registered]).when(deregister('cn-hainan-ftp', '2025-01-01')))).toEqual([
        { field: 'zoneId', reason: 'company tesla-shanghai is not registered in zone cn-hainan-ftp' },
      ]);
      expect(fieldsOf(() => given(companyDecider, [registered]).when(deregister(LINGANG, '2018-01-01')))).toEqual(['effectiveFrom']);
    });

    it('given no fact of the company, names zoneId (as for any company not registered in the zone), not 404', () => {
      expect(problemsOf(() => given(companyDecider).when(deregister(LINGANG, '2025-01-01')))).toEqual([
        { field: 'zoneId', reason: 'company tesla-shanghai is not registered in zone cn-shanghai-lingang' },
      ]);
    });

    it('lets a company register again in the zone after the deregistration date', () => {
      expect(given(companyDecider, [registered, deregistered]).when(register(LINGANG, '2025-06-01')).kind).toBe('append');
      expect(thrownBy(() => given(companyDecider, [registered, deregistered]).when(register(LINGANG, '2024-06-01')))).toBeInstanceOf(Conflict);
    });
  });

  describe('CIIO status', () => {
    const designated: CompanyEvent = { type: 'CompanyDesignatedCiio', data: { companyId: TESLA, effectiveFrom: '2025-01-01' } };
    const lifted: CompanyEvent = { type: 'CompanyCiioLifted', data: { companyId: TESLA, effectiveFrom: '2025-07-01' } };

    it('designates and lifts CIIO status', () => {
      expect(given(companyDecider, [registered]).when(ciio(true, '2025-01-01'))).toEqual(append(designated));
      expect(given(companyDecider, [registered, designated]).when(ciio(false, '2025-07-01'))).toEqual(append(lifted));
    });

    it('treats the current status with the same date as a repeat, with another date as a conflict', () => {
      expect(given(companyDecider, [registered, designated]).when(ciio(true, '2025-01-01'))).toEqual(repeat(designated));
      expect(given(companyDecider, [registered, designated, lifted]).when(ciio(false, '2025-07-01'))).toEqual(repeat(lifted));
      expect(thrownBy(() => given(companyDecider, [registered, designated]).when(ciio(true, '2025-03-01')))).toBeInstanceOf(Conflict);
    });

    it('takes changes in any date order (back-filled history); refuses one that says nothing new', () => {
      const earlier: CompanyEvent = { type: 'CompanyCiioLifted', data: { companyId: TESLA, effectiveFrom: '2024-12-01' } };
      // A lifting dated before the designation: the company was not a CIIO until 2025-01-01.
      expect(given(companyDecider, [registered, designated]).when(ciio(false, '2024-12-01'))).toEqual(append(earlier));
      // A designation back-filled before a recorded lifting.
      const first: CompanyEvent = { type: 'CompanyDesignatedCiio', data: { companyId: TESLA, effectiveFrom: '2024-01-01' } };
      expect(given(companyDecider, [registered, lifted]).when(ciio(true, '2024-01-01'))).toEqual(append(first));
      // Another status from a recorded change's date, or the status of the change just before or after it: 409.
      expect(thrownBy(() => given(companyDecider, [registered, designated]).when(ciio(false, '2025-01-01')))).toBeInstanceOf(Conflict);
      expect(thrownBy(() => given(companyDecider, [registered, designated, lifted]).when(ciio(false, '2025-09-01')))).toBeInstanceOf(Conflict);
      expect(thrownBy(() => given(companyDecider, [registered, designated, lifted]).when(ciio(false, '2025-03-01')))).toBeInstanceOf(Conflict);
    });

    it('given no fact of the company (no zone registration), designates and then lifts CIIO status: the status is national', () => {
      expect(given(companyDecider).when(ciio(true, '2025-01-01'))).toEqual(append(designated));
      expect(given(companyDecider, [designated]).when(ciio(false, '2025-07-01'))).toEqual(append(lifted));
      expect(given(companyDecider, [designated, lifted]).state).toMatchObject({ known: true, registrations: [] });
    });

    it('given no fact of the company, records a lifting: not a CIIO from that date (a designation may be back-filled before it)', () => {
      const notCiio: CompanyEvent = { type: 'CompanyCiioLifted', data: { companyId: TESLA, effectiveFrom: '2025-01-01' } };
      expect(given(companyDecider).when(ciio(false, '2025-01-01'))).toEqual(append(notCiio));
    });
  });
});
