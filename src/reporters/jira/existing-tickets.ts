import type { FoundIssue } from "./jira-gateway.ts";
import {
  fingerprintFromLabels,
  labels,
  ticketPropertyKey,
  ticketStateSchema,
} from "./ticket-state.ts";
import type { TicketKind, TicketState } from "./ticket-state.ts";

/** A ticket qaops opened in an earlier run. */
export interface ExistingTicket {
  key: string;
  fingerprint: string;
  done: boolean;
  state: TicketState;
}

/** Fingerprints per `labels in (…)` clause: keeps each JQL query well under Jira's length limits. */
export const fingerprintsPerQuery = 50;

/** Every open qaops ticket of the project: recurrences and pass streaks are decided against these. */
export function openTicketsJql(projectKey: string): string {
  return `project = ${quote(projectKey)} AND labels = ${quote(labels.all)} AND statusCategory != Done ORDER BY created ASC`;
}

/** Resolved tickets of failures seen again, to reopen them rather than open duplicates. */
export function doneTicketsJql(projectKey: string, fingerprints: readonly string[]): string {
  const list = fingerprints.map((fingerprint) => quote(labels.fingerprint(fingerprint))).join(", ");
  return `project = ${quote(projectKey)} AND labels in (${list}) AND statusCategory = Done ORDER BY updated DESC`;
}

/** Open tickets of these fingerprints: a saved create is dropped when one exists by now. */
export function openTicketsWithFingerprintsJql(
  projectKey: string,
  fingerprints: readonly string[],
): string {
  const list = fingerprints.map((fingerprint) => quote(labels.fingerprint(fingerprint))).join(", ");
  return `project = ${quote(projectKey)} AND labels in (${list}) AND statusCategory != Done`;
}

/**
 * Reads a found issue as a qaops ticket; undefined when it carries no fingerprint label (someone
 * else's issue with the `qaops` label). A missing or damaged `qaops` property is rebuilt from the
 * labels, so history restarts rather than the run failing.
 */
export function existingTicketOf(issue: FoundIssue, seenAt: string): ExistingTicket | undefined {
  const fingerprint = fingerprintFromLabels(issue.labels);
  if (!fingerprint) return undefined;
  const parsed = ticketStateSchema.safeParse(issue.properties[ticketPropertyKey]);
  const state: TicketState =
    parsed.success && parsed.data.fingerprint === fingerprint
      ? parsed.data
      : {
          v: 1,
          kind: kindFromLabels(issue.labels),
          fingerprint,
          ...testKeyFromLabels(issue.labels),
          occurrences: 1,
          firstSeen: seenAt,
          lastSeen: seenAt,
          passStreak: 0,
          recent: [],
        };
  return { key: issue.key, fingerprint, done: issue.statusCategory === "done", state };
}

function kindFromLabels(ticketLabels: readonly string[]): TicketKind {
  if (ticketLabels.includes(labels.environment)) return "environment";
  if (ticketLabels.includes(labels.flaky)) return "flaky";
  return "failure";
}

function testKeyFromLabels(ticketLabels: readonly string[]): { testKey?: string } {
  const label = ticketLabels.find((candidate) => candidate.startsWith("qaops-test-"));
  return label ? { testKey: label.slice("qaops-test-".length) } : {};
}

function quote(value: string): string {
  return `"${value.replace(/["\\]/g, "\\$&")}"`;
}
