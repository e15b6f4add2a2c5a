/**
 * Maps items through an async function with at most `limit` calls in flight, results in input
 * order. Replaying captures and sending corpus cases both need a bound: the target (or this
 * machine) should see a steady trickle, not every request at once.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  mapper: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await mapper(items[index] as T, index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
