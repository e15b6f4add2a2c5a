import type { OutboxEvent } from "./order-model.ts";

/** Where the outbox relay sends events; throws when a send fails. */
export interface EventPublisher {
  publish(event: OutboxEvent): void;
}

/** Whose events fail to publish: one member's, or `all`. */
export type PublishFailureScope = number | "all";

/**
 * Stands in for the message broker downstream services consume from. It can be told to refuse
 * events, for every member or for one (so a test breaks only its own member's events), which is
 * how the relay's retries are exercised.
 */
export class DemoEventBroker implements EventPublisher {
  readonly #failing = new Set<PublishFailureScope>();
  #accepted = 0;
  #refused = 0;

  publish(event: OutboxEvent): void {
    if (this.#failing.has("all") || this.#failing.has(event.memberId)) {
      this.#refused++;
      throw new Error(`broker refused ${event.type} ${event.eventId} (publish failure injected)`);
    }
    this.#accepted++;
  }

  failPublishesFor(scope: PublishFailureScope): void {
    this.#failing.add(scope);
  }

  stopFailingFor(scope: PublishFailureScope): boolean {
    return this.#failing.delete(scope);
  }

  stats(): { accepted: number; refused: number; failingFor: PublishFailureScope[] } {
    return { accepted: this.#accepted, refused: this.#refused, failingFor: [...this.#failing] };
  }
}
