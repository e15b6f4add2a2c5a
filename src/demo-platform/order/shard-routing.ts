/**
 * Application-level hash sharding as the order platform scales its writes: an order lives in
 * shard `order id % shard count`, so any node can find it from the id alone.
 */
export function shardIndexFor(orderId: number, shardCount: number): number {
  if (!Number.isSafeInteger(orderId) || orderId < 1) {
    throw new RangeError(`order id must be a positive integer, got ${orderId}`);
  }
  if (!Number.isSafeInteger(shardCount) || shardCount < 1) {
    throw new RangeError(`shard count must be a positive integer, got ${shardCount}`);
  }
  return orderId % shardCount;
}
