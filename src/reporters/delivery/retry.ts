import pRetry from "p-retry";

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

/**
 * Runs `action` until it succeeds, a failure is not worth retrying, or the tries run out.
 * p-retry counts the tries; the waits are taken here (its own delay is 0), since a `Retry-After`
 * or the shared throttle decides them, and an injected `sleep` keeps tests off the clock.
 */
export function withRetry<T>(action: () => Promise<T>, options: RetryOptions): Promise<T> {
  const sleep = options.sleep ?? delay;
  return pRetry(
    async () => {
      await options.throttle?.ready();
      return action().catch((error: unknown) => {
        throw new FailedTry(error);
      });
    },
    {
      retries: Math.max(1, options.policy.attempts) - 1,
      minTimeout: 0,
      onFailedAttempt: async ({ error, attemptNumber, retriesLeft }) => {
        const cause = error instanceof FailedTry ? error.cause : error;
        const wait = waitBeforeRetry(cause, attemptNumber, retriesLeft, options);
        if (wait instanceof DeliveryError) throw wait;
        if (wait.rateLimited) options.throttle?.pauseFor(wait.ms);
        await sleep(wait.ms);
      },
    },
  );
}

/** Wraps whatever one try threw, so p-retry never treats it as its own (a `TypeError` ends it). */
class FailedTry extends Error {
  constructor(cause: unknown) {
    super(messageOf(cause), { cause });
  }
}

/** The wait before the next try, or the error to give up with. */
function waitBeforeRetry(
  error: unknown,
  attempt: number,
  retriesLeft: number,
  options: RetryOptions,
): { ms: number; rateLimited: boolean } | DeliveryError {
  const { policy } = options;
  const verdict = options.classify(error);
  const ms = verdict.retry
    ? (verdict.retryAfterMs ?? Math.min(policy.baseDelayMs * 2 ** (attempt - 1), policy.maxDelayMs))
    : 0;
  const tooLong = ms > policy.maxDelayMs;
  if (verdict.retry && retriesLeft > 0 && !tooLong) {
    return { ms, rateLimited: verdict.rateLimited ?? false };
  }
  const reason = tooLong ? ` (asked to wait ${Math.ceil(ms / 1000)}s)` : "";
  return new DeliveryError(`${options.what}: ${messageOf(error)}${reason}`, {
    cause: error,
    permanent: !verdict.retry,
    attempts: attempt,
  });
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
