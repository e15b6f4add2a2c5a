import type { EventPublisher } from "./event-broker.ts";
import type { OrderShard } from "./order-shard.ts";

export interface OutboxRelayOptions {
  shards: readonly OrderShard[];
  publisher: EventPublisher;
  clock: () => Date;
  /** Most events taken from one shard in one pass, so a backlog cannot stall the process. */
  batchSize?: number;
}

export interface RelayPass {
  published: number;
  failed: number;
}

export interface RelayStats extends RelayPass {
  passes: number;
  lastPassAt: string | null;
  /** Why the last pass stopped early, if it did (a bug, not a failed publish). */
  lastError: string | null;
}

const firstRetryDelayMs = 250;
const maxRetryDelayMs = 5_000;

/** Exponential backoff after the nth failed attempt, capped so a recovered broker is soon used. */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(firstRetryDelayMs * 2 ** exponent, maxRetryDelayMs);
}

/**
 * The batch job behind the transactional outbox: each pass sends every shard's due events in
 * order, marks them PUBLISHED, or FAILED with a retry time; failed ones go again when due.
 */
export class OutboxRelay {
  readonly #shards: readonly OrderShard[];
  readonly #publisher: EventPublisher;
  readonly #clock: () => Date;
  readonly #batchSize: number;
  #timer: NodeJS.Timeout | undefined;
  readonly #stats: RelayStats = {
    passes: 0,
    published: 0,
    failed: 0,
    lastPassAt: null,
    lastError: null,
  };

  constructor(options: OutboxRelayOptions) {
    this.#shards = options.shards;
    this.#publisher = options.publisher;
    this.#clock = options.clock;
    this.#batchSize = options.batchSize ?? 500;
  }

  runOnce(): RelayPass {
    const now = this.#clock();
    const nowMs = now.getTime();
    const pass: RelayPass = { published: 0, failed: 0 };
    for (const shard of this.#shards) {
      for (const event of shard.dueEvents(nowMs, this.#batchSize)) {
        try {
          this.#publisher.publish(event);
          shard.markPublished(event.seq, nowMs);
          pass.published++;
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          shard.markFailed(event.seq, {
            error: message,
            retryAtMs: nowMs + retryDelayMs(event.attempts + 1),
          });
          pass.failed++;
        }
      }
    }
    this.#stats.passes++;
    this.#stats.published += pass.published;
    this.#stats.failed += pass.failed;
    this.#stats.lastPassAt = now.toISOString();
    return pass;
  }

  /** Runs a pass every `intervalMs` without keeping the process alive; `stop()` ends it. */
  start(intervalMs: number): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      try {
        this.runOnce();
      } catch (error) {
        this.#stats.lastError = error instanceof Error ? error.message : String(error);
      }
    }, intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  stats(): RelayStats {
    return { ...this.#stats };
  }
}
