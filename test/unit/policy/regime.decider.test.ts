import type { RegimeContent, RegimeEvent } from '../../../src/policy/domain/policy.events.js';
import { regimeDecider } from '../../../src/policy/domain/regime.decider.js';
import { Conflict, NotFound } from '../../../src/common/errors.js';
import { given } from '../../support/given.js';

const pipl2024: RegimeContent = {
  regimeId: 'cn-2024-cross-border-provisions',
  title: 'Provisions on Promoting and Regulating Cross-Border Data Flows',
  effectiveFrom: '2024-03-22',
  countingWindow: 'calendar-year',
  thresholds: [
    { metric: 'personalInfoSubjects', atLeast: 100_000, requirement: 'standard-contract' },
    { metric: 'sensitivePersonalInfoSubjects', atLeast: 10_000, requirement: 'security-assessment' },
  ],
  exemptPurposes: ['emergency'],
};
const enacted: RegimeEvent = { type: 'RegimeEnacted', data: pipl2024 };
const amendedContent: RegimeContent = { ...pipl2024, exemptPurposes: ['emergency', 'cross-border-hr'] };
const amended: RegimeEvent = { type: 'RegimeAmended', data: amendedContent };

describe('regime decider', () => {
  describe('enacting', () => {
    it('enacts a new regime', () => {
      given(regimeDecider).when({ type: 'EnactRegime', data: pipl2024 }).then(enacted);
    });

    it('treats the identical enactment as a repeat of the original, whatever the key order', () => {
      const reordered = Object.fromEntries(Object.entries(pipl2024).reverse()) as unknown as RegimeContent;
      given(regimeDecider, [enacted]).when({ type: 'EnactRegime', data: reordered }).thenRepeats(enacted);
    });

    it('answers a repeated enactment with the enactment even after an amendment', () => {
      given(regimeDecider, [enacted, amended]).when({ type: 'EnactRegime', data: pipl2024 }).thenRepeats(enacted);
    });

    it('refuses the same id with other content (409)', () => {
      given(regimeDecider, [enacted]).when({ type: 'EnactRegime', data: { ...pipl2024, title: 'other' } }).thenThrows(Conflict);
    });

    it('names every bad field: threshold requirement and count, interval order, calendar dates', () => {
      const bad: RegimeContent = {
        ...pipl2024,
        effectiveUntil: '2024-03-22',
        thresholds: [{ metric: 'personalInfoSubjects', atLeast: -1, requirement: 'none' }],
      };
      expect(given(regimeDecider).when({ type: 'EnactRegime', data: bad }).thenInvalid()).toEqual(
        expect.arrayContaining(['effectiveUntil', 'thresholds.0.requirement', 'thresholds.0.atLeast']),
      );
      expect(given(regimeDecider).when({ type: 'EnactRegime', data: { ...pipl2024, effectiveFrom: '2025-02-30' } }).thenInvalid()).toEqual(['effectiveFrom']);
    });

    it('accepts a regime with no thresholds and no exempt purposes', () => {
      given(regimeDecider).when({ type: 'EnactRegime', data: { ...pipl2024, thresholds: [], exemptPurposes: [] } }).thenAccepts();
    });
  });

  describe('amending', () => {
    it('amends a known regime with new content', () => {
      given(regimeDecider, [enacted]).when({ type: 'AmendRegime', regimeId: pipl2024.regimeId, data: amendedContent }).then(amended);
    });

    it('treats an amendment to the current content as a repeat of the event that set it', () => {
      given(regimeDecider, [enacted, amended]).when({ type: 'AmendRegime', regimeId: pipl2024.regimeId, data: amendedContent }).thenRepeats(amended);
      given(regimeDecider, [enacted]).when({ type: 'AmendRegime', regimeId: pipl2024.regimeId, data: pipl2024 }).thenRepeats(enacted);
    });

    it('answers 404 for an unknown regime', () => {
      given(regimeDecider).when({ type: 'AmendRegime', regimeId: pipl2024.regimeId, data: pipl2024 }).thenThrows(NotFound);
    });

    it('requires the body id to match the path id', () => {
      expect(given(regimeDecider, [enacted]).when({ type: 'AmendRegime', regimeId: 'other', data: pipl2024 }).thenInvalid()).toEqual(['regimeId']);
    });
  });

  describe('repealing', () => {
    const repeal = (effectiveFrom: string) => ({ type: 'RepealRegime' as const, data: { regimeId: pipl2024.regimeId, effectiveFrom } });
    const repealed: RegimeEvent = { type: 'RegimeRepealed', data: { regimeId: pipl2024.regimeId, effectiveFrom: '2026-01-01' } };

    it('repeals a regime from a date', () => {
      given(regimeDecider, [enacted]).when(repeal('2026-01-01')).then(repealed);
    });

    it('treats the same repeal again as a repeat, and another date as a conflict', () => {
      given(regimeDecider, [enacted, repealed]).when(repeal('2026-01-01')).thenRepeats(repealed);
      given(regimeDecider, [enacted, repealed]).when(repeal('2026-02-01')).thenThrows(Conflict);
    });

    it('answers 404 for an unknown regime', () => {
      given(regimeDecider).when(repeal('2026-01-01')).thenThrows(NotFound);
    });

    it('refuses a date outside the regime interval', () => {
      expect(given(regimeDecider, [enacted]).when(repeal('2024-03-21')).thenInvalid()).toEqual(['effectiveFrom']);
      const bounded: RegimeEvent = { type: 'RegimeEnacted', data: { ...pipl2024, effectiveUntil: '2025-01-01' } };
      expect(given(regimeDecider, [bounded]).when(repeal('2025-01-01')).thenInvalid()).toEqual(['effectiveFrom']);
    });
  });
});
