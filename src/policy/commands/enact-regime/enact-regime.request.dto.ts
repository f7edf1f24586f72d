import type { CalendarDate } from '../../../common/time.js';
import { THRESHOLD_REQUIREMENTS } from '../../domain/regime.decider.js';
import { type RegimeContent, type Threshold } from '../../domain/policy.events.js';
import { COUNTING_WINDOWS, METRICS, PURPOSES, type CountingWindow, type Metric, type Purpose, type Requirement } from '../../../common/terms.js';
import { Count, EffectiveUntil, Id, NestedList, OneOf, OneOfEach, Text, ValidDate } from '../../../http/validators.js';

/** A threshold of a regime (docs/domain.md §4 step 4). */
export class ThresholdDto implements Threshold {
  @OneOf(METRICS, 'the count the threshold is about')
  metric!: Metric;

  @Count('fires when the cumulative count reaches this (a count: an integer from 0 to 10^10)', false, 100_000)
  atLeast!: number;

  @OneOf(THRESHOLD_REQUIREMENTS, 'what the threshold requires')
  requirement!: Requirement;
}

/** `POST /v1/regimes` and `PUT /v1/regimes/{regimeId}` (docs/api.md "Policy commands"). */
export class EnactRegimeRequestDto implements RegimeContent {
  @Id('the regime id', 'cn-2024-cross-border-provisions')
  regimeId!: string;

  @Text('the title', 'Provisions on Promoting and Regulating Cross-Border Data Flows')
  title!: string;

  @ValidDate('the first day in force', '2024-03-22')
  effectiveFrom!: CalendarDate;

  @EffectiveUntil('the first day no longer in force; absent = open-ended', '2030-01-01')
  effectiveUntil?: CalendarDate;

  @OneOf(COUNTING_WINDOWS, 'which transfers the cumulative counts add up')
  countingWindow!: CountingWindow;

  @NestedList(() => ThresholdDto, 'the thresholds')
  thresholds!: ThresholdDto[];

  @OneOfEach(PURPOSES, 'purposes the thresholds do not apply to')
  exemptPurposes!: Purpose[];
}
