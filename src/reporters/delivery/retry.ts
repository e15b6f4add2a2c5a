/** How often and how patiently one delivery is retried. */
export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Wait before the second try; doubled for each one after. */
  baseDelayMs: number;
  /** Longest single wait. A `Retry-After` longer than this gives up rather than hold the run. */
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  attempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
};

/** What one failed try means: give up, or try again (after the server's `Retry-After`, if sent). */
export type FailureVerdict =
  { retry: false } | { retry: true; retryAfterMs?: number; rateLimited?: boolean };

/** A delivery that did not succeed; `permanent` when trying again later cannot help as it is. */
export class DeliveryError extends Error {
  override name = "DeliveryError";
  readonly permanent: boolean;
  readonly attempts: number;

  constructor(message: string, options: { cause: unknown; permanent: boolean; attempts: number }) {
    super(message, { cause: options.cause });
    this.permanent = options.permanent;
    this.attempts = options.attempts;
  }
}

/**
 * Shared by every request to one service: a 429 pauses all of them, not only the request that
 * got it, since the limit is the client's as a whole.
 */
export class DeliveryThrottle {
  #pausedUntil = 0;
  readonly #sleep: (ms: number) => Promise<void>;

  constructor(sleep: (ms: number) => Promise<void> = delay) {
    this.#sleep = sleep;
  }

  pauseFor(ms: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, Date.now() + ms);
  }

  async ready(): Promise<void> {
    // Bounded: each pass either returns or sleeps until the latest pause ends.
    for (let waited = 0; waited < 100; waited += 1) {
      const remaining = this.#pausedUntil - Date.now();
      if (remaining <= 0) return;
      await this.#sleep(remaining);
    }
  }
}

export interface RetryOptions {
  /** Names the delivery in the error, e.g. `POST /rest/api/3/issue`. */
  what: string;
  policy: RetryPolicy;
  classify: (error: unknown) => FailureVerdict;
  throttle?: DeliveryThrottle;
  sleep?: (ms: number) => Promise<void>;
}

/** Runs `action` until it succeeds, a failure is not worth retrying, or the tries run out. */
export async function withRetry<T>(action: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? delay;
  const attempts = Math.max(1, options.policy.attempts);
  for (let attempt = 1; ; attempt += 1) {
    await options.throttle?.ready();
    try {
      return await action();
    } catch (error) {
      const verdict = options.classify(error);
      const wait = verdict.retry
        ? (verdict.retryAfterMs ??
          Math.min(options.policy.baseDelayMs * 2 ** (attempt - 1), options.policy.maxDelayMs))
        : 0;
      const tooLong = wait > options.policy.maxDelayMs;
      if (!verdict.retry || attempt >= attempts || tooLong) {
        const reason = tooLong ? ` (asked to wait ${Math.ceil(wait / 1000)}s)` : "";
        throw new DeliveryError(`${options.what}: ${messageOf(error)}${reason}`, {
          cause: error,
          permanent: !verdict.retry,
          attempts: attempt,
        });
      }
      if (verdict.rateLimited) options.throttle?.pauseFor(wait);
      await sleep(wait);
    }
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
