import { z } from "zod";

/**
 * What qaops remembers about a ticket, kept on the ticket itself as the issue property `qaops`
 * (so every CI run, on any machine, sees the same history) and returned by the search.
 */
export const ticketPropertyKey = "qaops";

/** Recent runs listed in the recurrence comment. */
export const recentRunsKept = 5;

const runMarkSchema = z.object({
  at: z.string(),
  runUrl: z.string().optional(),
  commit: z.string().optional(),
});

export type RunMark = z.infer<typeof runMarkSchema>;

export const ticketKinds = ["failure", "flaky", "environment"] as const;
export type TicketKind = (typeof ticketKinds)[number];

export const ticketStateSchema = z.object({
  v: z.literal(1),
  kind: z.enum(ticketKinds),
  fingerprint: z.string(),
  /** The test a failure or flaky ticket is about; absent for the environment ticket. */
  testKey: z.string().optional(),
  /** Runs in which it was seen, the first included. */
  occurrences: z.number().int().nonnegative(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  /** Runs in a row in which its test passed since it was last seen. */
  passStreak: z.number().int().nonnegative(),
  /** The one recurrence comment, edited on each recurrence instead of adding another. */
  commentId: z.string().optional(),
  recent: z.array(runMarkSchema).max(recentRunsKept),
});

export type TicketState = z.infer<typeof ticketStateSchema>;

/** Labels qaops puts on its tickets; Jira labels may not contain spaces. */
export const labels = {
  all: "qaops",
  flaky: "qaops-flaky",
  environment: "qaops-environment",
  fingerprint: (fingerprint: string) => `qaops-fp-${fingerprint}`,
  test: (testKey: string) => `qaops-test-${testKey}`,
};

export function fingerprintFromLabels(ticketLabels: readonly string[]): string | undefined {
  return ticketLabels.find((label) => label.startsWith("qaops-fp-"))?.slice("qaops-fp-".length);
}

/** `payments team` → `payments-team`: Jira rejects labels with spaces. */
export function sanitiseLabel(label: string): string {
  return label.trim().replace(/\s+/g, "-").slice(0, 255);
}

/**
 * Counts of flaky runs per test that has no flaky ticket yet, kept as a user property of the
 * account qaops uses (it needs no extra permission), one per Jira project.
 */
export const flakyLedgerSchema = z.object({
  v: z.literal(1),
  tests: z.record(z.string(), z.object({ n: z.number().int().positive(), last: z.string() })),
});

export type FlakyLedger = z.infer<typeof flakyLedgerSchema>;

/** Entries kept; the property holds at most 32 KB. The least recently seen go first. */
export const flakyLedgerCapacity = 300;

export function flakyLedgerPropertyKey(projectKey: string): string {
  return `qaops.flaky.${projectKey}`;
}

export function emptyFlakyLedger(): FlakyLedger {
  return { v: 1, tests: {} };
}
