/**
 * Counts of people (docs/api.md §1 "count"; docs/domain.md §4 step 4): the people whose personal
 * information a transfer carries, and the thresholds regimes set on the sum of them. Fewer than
 * 10^10 people live on Earth, so no honest count is larger.
 */
export const MAX_COUNT = 10_000_000_000;

/** An integer from 0 to {@link MAX_COUNT}. */
export const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0 && (value as number) <= MAX_COUNT;

/**
 * A sum of counts, exact at any size: a number while it is at most 2^53 − 1 (every integer up to
 * there is a double), a bigint beyond. Adding a count (≤ 10^10) to a number sum is exact as long
 * as the result stays within 2^53 − 1, which is checked on each addition.
 */
export type CountSum = number | bigint;

/** `sum + count`, exactly. */
export function addCount(sum: CountSum, count: number): CountSum {
  if (typeof sum === 'bigint') return sum + BigInt(count);
  const total = sum + count;
  return total <= Number.MAX_SAFE_INTEGER ? total : BigInt(sum) + BigInt(count);
}

/** A sum as JSON carries it without loss: a number up to 2^53 − 1, a decimal string beyond. */
export const countSumForJson = (sum: CountSum): number | string => (typeof sum === 'bigint' ? sum.toString(10) : sum);
