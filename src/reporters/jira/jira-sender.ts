import { readFile, stat } from "node:fs/promises";
import { isApiError } from "jira.js";
import { runSerialisedPerKey } from "../delivery/keyed-queue.ts";
import { DeliveryError, messageOf } from "../delivery/retry.ts";
import type { RetryPolicy } from "../delivery/retry.ts";
import { jiraCaller } from "./jira-call.ts";
import type { JiraCall } from "./jira-call.ts";
import type { JiraGateway, UploadFile, WorkflowTransition } from "./jira-gateway.ts";
import { operationTarget } from "./jira-operations.ts";
import type { AttachmentSpec, JiraOperation } from "./jira-operations.ts";
import { flakyLedgerPropertyKey, ticketPropertyKey } from "./ticket-state.ts";
import type { TicketState } from "./ticket-state.ts";

export interface JiraDeliveryReport {
  /** Operations carried out in full. */
  delivered: number;
  /** Tickets this delivery created or wrote to, by fingerprint. */
  tickets: { fingerprint: string; key: string; created: boolean }[];
  /** What is left to do, in order: failed operations, or the unfinished part of one. */
  remaining: JiraOperation[];
  /** One line per failed operation, for a warning. */
  problems: string[];
  /** Things done differently than planned, e.g. no matching transition in a workflow. */
  notes: string[];
}

export interface JiraSenderOptions {
  gateway: JiraGateway;
  retry: RetryPolicy;
  concurrency: number;
  maxAttachmentBytes: number;
  sleep?: (ms: number) => Promise<void>;
}

type Operation<Op extends JiraOperation["op"]> = Extract<JiraOperation, { op: Op }>;

/** The part of an operation that could not be done, to be saved and tried again. */
class Unfinished extends Error {
  readonly remaining: JiraOperation[];
  constructor(cause: DeliveryError, remaining: JiraOperation[]) {
    super(cause.message, { cause });
    this.remaining = remaining;
  }
}

/**
 * Carries out planned operations: one issue's writes in order, a few issues at a time, every
 * call retried on 429 (after `Retry-After`, pausing all calls), 5xx and network errors.
 */
export class JiraOperationSender {
  readonly #options: JiraSenderOptions;
  readonly #call: JiraCall;

  constructor(options: JiraSenderOptions) {
    this.#options = options;
    this.#call = jiraCaller(options);
  }

  async deliver(operations: readonly JiraOperation[]): Promise<JiraDeliveryReport> {
    const report: JiraDeliveryReport = {
      delivered: 0,
      tickets: [],
      remaining: [],
      problems: [],
      notes: [],
    };
    const outcomes = await runSerialisedPerKey(
      operations.map((operation) => ({
        key: operationTarget(operation),
        run: () => this.#execute(operation, report),
      })),
      this.#options.concurrency,
    );
    outcomes.forEach((outcome, index) => {
      const operation = operations[index];
      if (!operation) return;
      if (outcome.status === "done") {
        report.delivered += 1;
      } else if (outcome.status === "skipped") {
        report.remaining.push(operation);
      } else if (outcome.error instanceof Unfinished && isGone(outcome.error, operation)) {
        report.notes.push(`${outcome.error.message}; the issue is gone, so this was dropped`);
      } else if (outcome.error instanceof Unfinished) {
        report.remaining.push(...outcome.error.remaining);
        report.problems.push(outcome.error.message);
      } else {
        report.remaining.push(operation);
        report.problems.push(messageOf(outcome.error));
      }
    });
    return report;
  }

  async #execute(operation: JiraOperation, report: JiraDeliveryReport): Promise<void> {
    const unfinished = this.#unfinished([operation]);
    switch (operation.op) {
      case "create":
        return this.#create(operation, report);
      case "recur":
        return this.#recur(operation, report);
      case "transition":
        return this.#transition(operation, report);
      case "set-state":
        return this.#setState(operation.key, operation.state).catch(unfinished);
      case "attach":
        return this.#attach(operation.key, operation.attachments, report).catch(unfinished);
      case "set-flaky-ledger":
        return this.#call("save flaky-run counts", () =>
          this.#options.gateway.writeOwnProperty(
            flakyLedgerPropertyKey(operation.projectKey),
            operation.ledger,
          ),
        ).catch(unfinished);
    }
  }

  /** Creates the issue with its state, then attaches; a failed upload leaves only the attach. */
  async #create(operation: Operation<"create">, report: JiraDeliveryReport): Promise<void> {
    const { fingerprint, attachments } = operation;
    const { key } = await this.#call(`create issue for ${fingerprint}`, () =>
      this.#options.gateway.createIssue(operation.fields, [
        { key: ticketPropertyKey, value: operation.state },
      ]),
    ).catch(this.#unfinished([operation]));
    report.tickets.push({ fingerprint, key, created: true });
    if (attachments.length === 0) return;
    await this.#attach(key, attachments, report).catch(
      this.#unfinished([{ op: "attach", key, fingerprint, attachments }]),
    );
  }

  async #recur(operation: Operation<"recur">, report: JiraDeliveryReport): Promise<void> {
    const state = { ...operation.state };
    await this.#upsertRecurrenceComment(operation, state).catch(this.#unfinished([operation]));
    await this.#wroteTo({ ...operation, state }, report);
  }

  /** Takes the workflow's transition to the wanted status; without one, notes it and goes on. */
  async #transition(operation: Operation<"transition">, report: JiraDeliveryReport): Promise<void> {
    const { key, to, transitionName } = operation;
    const transitions = await this.#call(`list transitions of ${key}`, () =>
      this.#options.gateway.listTransitions(key),
    ).catch(this.#unfinished([operation]));
    const chosen = chooseTransition(transitions, to, transitionName);
    if (chosen) {
      await this.#call(`transition ${key} (${chosen.name})`, () =>
        this.#options.gateway.transition(key, chosen.id, operation.comment),
      ).catch(this.#unfinished([operation]));
    } else {
      report.notes.push(
        `${key}: no transition to ${to === "done" ? "a done status" : "an open status"}${transitionName ? ` named "${transitionName}"` : ""} in its workflow (${transitions.map((t) => t.name).join(", ") || "none"}); left as it is`,
      );
    }
    await this.#wroteTo(operation, report);
  }

  /** Records the ticket as written to, then saves its state; a failed save is all that is left. */
  async #wroteTo(
    ticket: { key: string; fingerprint: string; state: TicketState },
    report: JiraDeliveryReport,
  ): Promise<void> {
    const { key, fingerprint, state } = ticket;
    report.tickets.push({ fingerprint, key, created: false });
    await this.#setState(key, state).catch(
      this.#unfinished([{ op: "set-state", key, fingerprint, state }]),
    );
  }

  /** Edits the ticket's one recurrence comment, or adds it (again, if someone deleted it). */
  async #upsertRecurrenceComment(
    operation: Operation<"recur">,
    state: { commentId?: string },
  ): Promise<void> {
    const gateway = this.#options.gateway;
    const existing = state.commentId;
    if (existing) {
      try {
        await this.#call(`update comment on ${operation.key}`, () =>
          gateway.updateComment(operation.key, existing, operation.comment),
        );
        return;
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
      }
    }
    const { id } = await this.#call(`comment on ${operation.key}`, () =>
      gateway.addComment(operation.key, operation.comment),
    );
    state.commentId = id;
  }

  #setState(key: string, state: unknown): Promise<void> {
    return this.#call(`save qaops state of ${key}`, () =>
      this.#options.gateway.setIssueProperty(key, ticketPropertyKey, state),
    );
  }

  async #attach(
    key: string,
    specs: readonly AttachmentSpec[],
    report: JiraDeliveryReport,
  ): Promise<void> {
    const files: UploadFile[] = [];
    for (const spec of specs) {
      if (spec.text !== undefined) {
        files.push({ filename: spec.filename, content: new TextEncoder().encode(spec.text) });
        continue;
      }
      if (!spec.path) continue;
      const size = await stat(spec.path).then(
        (info) => info.size,
        () => undefined,
      );
      if (size === undefined) {
        report.notes.push(`${key}: attachment ${spec.filename} is gone (${spec.path}); skipped`);
      } else if (size > this.#options.maxAttachmentBytes) {
        report.notes.push(
          `${key}: attachment ${spec.filename} is ${size} bytes, over the ${this.#options.maxAttachmentBytes}-byte cap; skipped`,
        );
      } else {
        files.push({ filename: spec.filename, content: await readFile(spec.path) });
      }
    }
    if (files.length === 0) return;
    await this.#call(`attach ${files.length} file(s) to ${key}`, () =>
      this.#options.gateway.addAttachments(key, files),
    );
  }

  #unfinished(remaining: JiraOperation[]): (error: unknown) => never {
    return (error) => {
      const cause =
        error instanceof DeliveryError
          ? error
          : new DeliveryError(messageOf(error), { cause: error, permanent: true, attempts: 1 });
      throw new Unfinished(cause, remaining);
    };
  }
}

/** A 404 for an existing ticket: someone deleted it, and no retry will bring it back. */
function isGone(error: Unfinished, operation: JiraOperation): boolean {
  return (
    operation.op !== "create" &&
    operation.op !== "set-flaky-ledger" &&
    statusOf(error.cause) === 404
  );
}

function statusOf(error: unknown): number | undefined {
  const cause = error instanceof DeliveryError ? error.cause : error;
  return isApiError(cause) ? cause.status : undefined;
}

/**
 * The transition to take, looked up in the ticket's own workflow: by name when configured, else
 * the first one into the wanted status category (`done`; to reopen, `new` before `indeterminate`).
 */
function chooseTransition(
  transitions: readonly WorkflowTransition[],
  to: "done" | "reopen",
  name?: string,
): WorkflowTransition | undefined {
  if (name) {
    const wanted = name.toLowerCase();
    return transitions.find(
      (transition) =>
        transition.name.toLowerCase() === wanted || transition.toStatus.toLowerCase() === wanted,
    );
  }
  if (to === "done") return transitions.find((transition) => transition.toCategory === "done");
  return (
    transitions.find((transition) => transition.toCategory === "new") ??
    transitions.find((transition) => transition.toCategory === "indeterminate")
  );
}
