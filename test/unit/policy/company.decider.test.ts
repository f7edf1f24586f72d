import { companyDecider, type CompanyCommand } from '../../../src/policy/domain/company.decider.js';
import type { CompanyEvent } from '../../../src/policy/domain/policy.events.js';
import { Conflict, ValidationFailed } from '../../../src/common/errors.js';
import { given } from '../../support/given.js';

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
      given(companyDecider).when(register(LINGANG, '2018-10-17')).then(registered);
    });

    it('treats the identical registration as a repeat', () => {
      given(companyDecider, [registered]).when(register(LINGANG, '2018-10-17')).thenRepeats(registered);
    });

    it('refuses a different registration overlapping one in the same zone (409)', () => {
      given(companyDecider, [registered]).when(register(LINGANG, '2020-01-01')).thenThrows(Conflict);
    });

    it('accepts registrations in other zones and disjoint intervals in the same zone', () => {
      const bounded: CompanyEvent = { type: 'CompanyRegistered', data: { companyId: TESLA, zoneId: LINGANG, effectiveFrom: '2018-10-17', effectiveUntil: '2020-01-01' } };
      given(companyDecider, [bounded]).when(register(LINGANG, '2020-01-01')).thenAccepts();
      given(companyDecider, [registered]).when(register('cn-hainan-ftp', '2021-01-01')).thenAccepts();
    });

    it('refuses an interval that does not move forward', () => {
      expect(given(companyDecider).when(register(LINGANG, '2020-01-01', '2019-01-01')).thenInvalid()).toEqual(['effectiveUntil']);
    });
  });

  describe('deregistering', () => {
    const deregistered: CompanyEvent = { type: 'CompanyDeregistered', data: { companyId: TESLA, zoneId: LINGANG, effectiveFrom: '2025-01-01' } };

    it('ends the registration in the zone from a date', () => {
      given(companyDecider, [registered]).when(deregister(LINGANG, '2025-01-01')).then(deregistered);
      expect(given(companyDecider, [registered, deregistered]).state.registrations[0]).toMatchObject({ effectiveFrom: '2018-10-17', effectiveUntil: '2025-01-01' });
    });

    it('treats the same deregistration again as a repeat', () => {
      given(companyDecider, [registered, deregistered]).when(deregister(LINGANG, '2025-01-01')).thenRepeats(deregistered);
    });

    it('names zoneId for a zone the company is not registered in, effectiveFrom for a date outside its registration', () => {
      expect(given(companyDecider, [registered]).when(deregister('cn-hainan-ftp', '2025-01-01')).thenThrows(ValidationFailed).problems).toEqual([
        { field: 'zoneId', reason: 'company tesla-shanghai is not registered in zone cn-hainan-ftp' },
      ]);
      expect(given(companyDecider, [registered]).when(deregister(LINGANG, '2018-01-01')).thenInvalid()).toEqual(['effectiveFrom']);
    });

    it('given no fact of the company, names zoneId (as for any company not registered in the zone), not 404', () => {
      expect(given(companyDecider).when(deregister(LINGANG, '2025-01-01')).thenThrows(ValidationFailed).problems).toEqual([
        { field: 'zoneId', reason: 'company tesla-shanghai is not registered in zone cn-shanghai-lingang' },
      ]);
    });

    it('lets a company register again in the zone after the deregistration date', () => {
      given(companyDecider, [registered, deregistered]).when(register(LINGANG, '2025-06-01')).thenAccepts();
      given(companyDecider, [registered, deregistered]).when(register(LINGANG, '2024-06-01')).thenThrows(Conflict);
    });
  });

  describe('CIIO status', () => {
    const designated: CompanyEvent = { type: 'CompanyDesignatedCiio', data: { companyId: TESLA, effectiveFrom: '2025-01-01' } };
    const lifted: CompanyEvent = { type: 'CompanyCiioLifted', data: { companyId: TESLA, effectiveFrom: '2025-07-01' } };

    it('designates and lifts CIIO status', () => {
      given(companyDecider, [registered]).when(ciio(true, '2025-01-01')).then(designated);
      given(companyDecider, [registered, designated]).when(ciio(false, '2025-07-01')).then(lifted);
    });

    it('treats the current status with the same date as a repeat, with another date as a conflict', () => {
      given(companyDecider, [registered, designated]).when(ciio(true, '2025-01-01')).thenRepeats(designated);
      given(companyDecider, [registered, designated, lifted]).when(ciio(false, '2025-07-01')).thenRepeats(lifted);
      given(companyDecider, [registered, designated]).when(ciio(true, '2025-03-01')).thenThrows(Conflict);
    });

    it('takes changes in any date order (back-filled history); refuses one that says nothing new', () => {
      // A lifting dated before the designation: the company was not a CIIO until 2025-01-01.
      given(companyDecider, [registered, designated])
        .when(ciio(false, '2024-12-01'))
        .then({ type: 'CompanyCiioLifted', data: { companyId: TESLA, effectiveFrom: '2024-12-01' } });
      // A designation back-filled before a recorded lifting.
      given(companyDecider, [registered, lifted])
        .when(ciio(true, '2024-01-01'))
        .then({ type: 'CompanyDesignatedCiio', data: { companyId: TESLA, effectiveFrom: '2024-01-01' } });
      // Another status from a recorded change's date, or the status of the change just before or after it: 409.
      given(companyDecider, [registered, designated]).when(ciio(false, '2025-01-01')).thenThrows(Conflict);
      given(companyDecider, [registered, designated, lifted]).when(ciio(false, '2025-09-01')).thenThrows(Conflict);
      given(companyDecider, [registered, designated, lifted]).when(ciio(false, '2025-03-01')).thenThrows(Conflict);
    });

    it('given no fact of the company (no zone registration), designates and then lifts CIIO status: the status is national', () => {
      given(companyDecider).when(ciio(true, '2025-01-01')).then(designated);
      given(companyDecider, [designated]).when(ciio(false, '2025-07-01')).then(lifted);
      expect(given(companyDecider, [designated, lifted]).state).toMatchObject({ known: true, registrations: [] });
    });

    it('given no fact of the company, records a lifting: not a CIIO from that date (a designation may be back-filled before it)', () => {
      given(companyDecider).when(ciio(false, '2025-01-01')).then({ type: 'CompanyCiioLifted', data: { companyId: TESLA, effectiveFrom: '2025-01-01' } });
    });
  });
});
