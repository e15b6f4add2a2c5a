import { isApiError, isNetworkError, isRateLimitError } from "jira.js";
import { DeliveryThrottle, withRetry } from "../delivery/retry.ts";
import type { FailureVerdict, RetryPolicy } from "../delivery/retry.ts";

export interface JiraCallOptions {
  retry: RetryPolicy;
  sleep?: (ms: number) => Promise<void>;
  /** Shared by every call of one delivery, so a 429 slows them all. */
  throttle?: DeliveryThrottle;
}

/** One Jira call, named for its error message, retried as `classifyJiraFailure` says. */
export type JiraCall = <T>(what: string, action: () => Promise<T>) => Promise<T>;

export function jiraCaller(options: JiraCallOptions): JiraCall {
  const throttle = options.throttle ?? new DeliveryThrottle(options.sleep);
  return (what, action) =>
    withRetry(action, {
      what,
      policy: options.retry,
      classify: classifyJiraFailure,
      throttle,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    });
}

/** 429: wait as told and slow every call; 5xx and network faults: back off; other 4xx: give up. */
export function classifyJiraFailure(error: unknown): FailureVerdict {
  if (isRateLimitError(error)) {
    return {
      retry: true,
      rateLimited: true,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    };
  }
  if (isNetworkError(error)) return { retry: true };
  if (isApiError(error)) return { retry: error.status >= 500 || error.status === 408 };
  return { retry: false };
}
