const dayMs = 86_400_000;

/** A member may cancel an order up to this long after placing it. */
export const cancellationWindowMs = 30 * dayMs;

/**
 * How long an order stays in the shards. The platform keeps 30 days; the demo keeps orders a
 * further 30 days past the cancellation window, so a late cancellation is refused (422) for an
 * order that is still there rather than answered with 404 for one that is gone.
 */
export const retentionMs = 60 * dayMs;

/** How long an `Idempotency-Key` replays its first response. */
export const idempotencyKeyTtlMs = dayMs;

export function isPastCancellationWindow(placedAtMs: number, nowMs: number): boolean {
  return nowMs - placedAtMs > cancellationWindowMs;
}
