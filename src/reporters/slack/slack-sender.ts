import { createHash } from "node:crypto";
import { IncomingWebhook } from "@slack/webhook";
import { DeliveryThrottle, delay, messageOf, withRetry } from "../delivery/retry.ts";
import type { FailureVerdict, RetryPolicy } from "../delivery/retry.ts";
import { redact } from "../../shared/redact.ts";
import type { SlackMessage } from "./block-kit.ts";

export interface SlackSendReport {
  sent: number;
  /** Messages not sent, the failed one first, in order. */
  remaining: SlackMessage[];
  problem?: string;
}

/** Names a webhook in saved records and logs without revealing it: the URL is the secret. */
export function webhookFingerprint(webhookUrl: string): string {
  return createHash("sha256").update(webhookUrl).digest("hex").slice(0, 12);
}

/** The webhook URL is never printed, nor its path, which holds the token on its own. */
export function webhookSecrets(webhookUrl: string | undefined): string[] {
  return webhookUrl ? [webhookUrl, new URL(webhookUrl).pathname] : [];
}

/**
 * Posts messages to an incoming webhook, one at a time and at most one per `minIntervalMs`.
 * `@slack/webhook` retries neither 429 nor 5xx by itself; here 429 waits for `Retry-After`, 5xx
 * and network faults back off, and other answers (`invalid_blocks`, `channel_is_archived`) stop.
 */
export class SlackWebhookSender {
  readonly #webhook: IncomingWebhook;
  readonly #webhookUrl: string;
  readonly #retry: RetryPolicy;
  readonly #minIntervalMs: number;
  readonly #sleep: (ms: number) => Promise<void>;
  readonly #throttle: DeliveryThrottle;
  #retryAfter: string | null = null;

  constructor(options: {
    webhookUrl: string;
    retry: RetryPolicy;
    minIntervalMs: number;
    sleep?: (ms: number) => Promise<void>;
  }) {
    this.#webhookUrl = options.webhookUrl;
    this.#retry = options.retry;
    this.#minIntervalMs = options.minIntervalMs;
    this.#sleep = options.sleep ?? delay;
    this.#throttle = new DeliveryThrottle(this.#sleep);
    this.#webhook = new IncomingWebhook(options.webhookUrl, {
      timeout: 15_000,
      // The library's errors drop the headers; the response's Retry-After is kept here.
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        this.#retryAfter = response.headers.get("retry-after");
        return response;
      },
    });
  }

  async send(messages: readonly SlackMessage[]): Promise<SlackSendReport> {
    let lastSentAt = 0;
    for (const [index, message] of messages.entries()) {
      const wait = lastSentAt + this.#minIntervalMs - Date.now();
      if (index > 0 && wait > 0) await this.#sleep(wait);
      try {
        await withRetry(() => this.#post(message), {
          what: `Slack message ${index + 1}/${messages.length}`,
          policy: this.#retry,
          classify: (error) => this.#classify(error),
          throttle: this.#throttle,
          sleep: this.#sleep,
        });
        // Counted from Slack's answer, so the next message reaches it a full interval later.
        lastSentAt = Date.now();
      } catch (error) {
        return {
          sent: index,
          remaining: messages.slice(index),
          problem: redact(messageOf(error), webhookSecrets(this.#webhookUrl)),
        };
      }
    }
    return { sent: messages.length, remaining: [] };
  }

  async #post(message: SlackMessage): Promise<void> {
    this.#retryAfter = null;
    try {
      await this.#webhook.send({
        text: message.text,
        blocks: message.blocks,
        unfurl_links: false,
      });
    } catch (error) {
      throw new SlackAnswer(error, this.#retryAfter);
    }
  }

  #classify(error: unknown): FailureVerdict {
    if (!(error instanceof SlackAnswer)) return { retry: false };
    if (error.status === undefined) return { retry: true };
    if (error.status === 429) {
      const seconds = Number(error.retryAfter);
      return {
        retry: true,
        rateLimited: true,
        ...(Number.isFinite(seconds) && error.retryAfter !== null
          ? { retryAfterMs: seconds * 1000 }
          : {}),
      };
    }
    return { retry: error.status >= 500 };
  }
}

/** What Slack answered (status and body such as `invalid_blocks`), or that it did not answer. */
class SlackAnswer extends Error {
  readonly status: number | undefined;
  readonly retryAfter: string | null;

  constructor(error: unknown, retryAfter: string | null) {
    const http = error as { statusCode?: unknown; body?: unknown };
    const status = typeof http.statusCode === "number" ? http.statusCode : undefined;
    super(
      status === undefined
        ? `no answer from Slack (${messageOf(error)})`
        : `Slack answered ${status}${typeof http.body === "string" && http.body ? ` ${http.body.slice(0, 200)}` : ""}`,
      { cause: error },
    );
    this.status = status;
    this.retryAfter = retryAfter;
  }
}
