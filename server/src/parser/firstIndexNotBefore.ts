/**
 * The first index in 0..count at which `before` stops holding, for a `before`
 * that holds up to some index and not after it (a sorted list searched for
 * where a value belongs); `count` when it always holds.
 */
export function firstIndexNotBefore(count: number, before: (index: number) => boolean): number {
  let low = 0;
  let high = count;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (before(mid)) low = mid + 1;
    else high = mid;
  }
  return low;
}
