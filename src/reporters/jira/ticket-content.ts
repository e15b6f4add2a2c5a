import { commonErrors } from "../run-summary/common-errors.ts";
import { firstLine, stripAnsi } from "../run-summary/normalise-error.ts";
import { reproduceCommand } from "../run-summary/reproduce-command.ts";
import { displayTitle } from "../run-summary/run-summary.ts";
import type { RunSummary, TestRecord } from "../run-summary/run-summary.ts";
import {
  adfSize,
  bulletList,
  code,
  codeBlock,
  doc,
  heading,
  link,
  paragraph,
  plain,
  strong,
} from "./adf.ts";
import type { AdfDocument, AdfInline } from "./adf.ts";
import type { RunMark, TicketState } from "./ticket-state.ts";

/** Jira rejects a summary over 255 characters. */
const summaryLimit = 255;
/** Jira's limit for a rich-text field; the description is kept below it with room to spare. */
const descriptionBudget = 30_000;

/** The text an API test attaches with its requests and responses (secrets already masked). */
const apiExchangesAttachment = "api-exchanges";

function capSummary(text: string): string {
  const single = text.replace(/\s+/g, " ").trim();
  return single.length <= summaryLimit ? single : `${single.slice(0, summaryLimit - 1)}…`;
}

export function failureSummary(test: TestRecord): string {
  const error = firstLine(test.error?.message ?? "failed");
  return capSummary(`[${test.project}] ${test.titlePath.join(" › ")}: ${error}`);
}

export function flakySummary(test: TestRecord): string {
  return capSummary(`Flaky: [${test.project}] ${test.titlePath.join(" › ")}`);
}

export function environmentSummary(summary: RunSummary): string {
  const projects = [...new Set(summary.tests.filter(isFailed).map((test) => test.project))];
  return capSummary(
    `Mass failure: ${summary.counts.failed} of ${summary.counts.total} tests failed (${projects.join(", ")})`,
  );
}

interface Caps {
  error: number;
  stack: number;
  exchanges: number;
}

/**
 * What a developer needs to act on a failure: the error, the failing step, the request and
 * response the test made, where it ran and how to run it again. Sections shrink until the
 * description fits Jira's limit.
 */
export function failureDescription(test: TestRecord, run: RunContext): AdfDocument {
  let caps: Caps = { error: 4_000, stack: 3_000, exchanges: 12_000 };
  for (let round = 0; ; round += 1) {
    const document = failureDocument(test, run, caps);
    if (adfSize(document) <= descriptionBudget || round >= 6) return document;
    caps = { error: caps.error / 2, stack: caps.stack / 2, exchanges: caps.exchanges / 2 };
  }
}

export function flakyDescription(
  test: TestRecord,
  run: RunContext,
  flakyRuns: number,
): AdfDocument {
  return doc(
    paragraph(
      strong("Flaky test"),
      plain(
        `: failed, then passed on a retry, in ${flakyRuns} run${flakyRuns === 1 ? "" : "s"}. qaops tracks it here instead of opening a bug.`,
      ),
    ),
    ...failureDocument(test, run, { error: 3_000, stack: 2_000, exchanges: 8_000 }).content,
  );
}

export function environmentDescription(summary: RunSummary, run: RunContext): AdfDocument {
  const failed = summary.tests.filter(isFailed);
  const top = commonErrors(failed).slice(0, 10);
  return doc(
    paragraph(
      strong("Mass failure"),
      plain(
        `: ${failed.length} of ${summary.counts.total} tests failed in one run, which points at the environment (a service down, a bad deploy, expired credentials) rather than ${failed.length} separate bugs. qaops opened this one ticket instead of one per test.`,
      ),
    ),
    heading("Most common errors"),
    bulletList(
      top.map(({ error, count, example }) => [
        strong(`${count}×`),
        plain(" "),
        code(error.slice(0, 300)),
        plain(` — e.g. ${displayTitle(example)}`),
      ]),
    ),
    ...runSection(run),
  );
}

export function recurrenceComment(state: TicketState): AdfDocument {
  return doc(
    paragraph(
      strong("qaops: seen again"),
      plain(
        ` — ${state.occurrences} runs in total, last seen ${state.lastSeen}. This comment is updated on each recurrence.`,
      ),
    ),
    bulletList(state.recent.map(runMarkInlines)),
  );
}

export function regressionComment(test: TestRecord | undefined, run: RunContext): AdfDocument {
  return doc(
    paragraph(strong("qaops: failing again"), plain(" after this ticket was resolved; reopened.")),
    test?.error ? codeBlock(stripAnsi(test.error.message), { maxChars: 2_000 }) : undefined,
    ...runSection(run),
  );
}

export function resolvedComment(passStreak: number, run: RunContext): AdfDocument {
  return doc(
    paragraph(
      strong("qaops: passing again"),
      plain(` — ${passStreak} run${passStreak === 1 ? "" : "s"} in a row; resolved.`),
    ),
    ...runSection(run),
  );
}

/** Where and when the run happened, for the ticket's readers. */
export interface RunContext {
  mark: RunMark;
  branch?: string;
  environment?: string;
  reportUrl?: string;
}

function failureDocument(test: TestRecord, run: RunContext, caps: Caps): AdfDocument {
  const exchanges = test.attachments.find(
    (attachment) => attachment.name === apiExchangesAttachment && attachment.text,
  );
  const stack = test.error?.stack ? stackFrames(test.error.stack) : "";
  return doc(
    paragraph(
      strong("Test: "),
      code(displayTitle(test)),
      plain(" at "),
      code(`${test.location.file}:${test.location.line}`),
    ),
    heading("Error"),
    codeBlock(stripAnsi(test.error?.message ?? "(no error message)"), { maxChars: caps.error }),
    test.failingStep !== undefined && paragraph(strong("Failing step: "), code(test.failingStep)),
    stack.length > 0 && heading("Stack"),
    stack.length > 0 && codeBlock(stack, { maxChars: caps.stack }),
    exchanges?.text !== undefined && heading("Request and response"),
    exchanges?.text !== undefined &&
      codeBlock(exchanges.text, { language: "http", maxChars: caps.exchanges }),
    heading("Reproduce"),
    codeBlock(reproduceCommand(test), { language: "bash", maxChars: 2_000 }),
    ...runSection(run),
  );
}

function runSection(run: RunContext) {
  const details: AdfInline[][] = [];
  if (run.mark.runUrl) details.push([strong("CI run: "), link(run.mark.runUrl, run.mark.runUrl)]);
  if (run.reportUrl) details.push([strong("Report: "), link(run.reportUrl, run.reportUrl)]);
  if (run.mark.commit) {
    details.push([
      strong("Commit: "),
      code(run.mark.commit.slice(0, 12)),
      ...(run.branch ? [plain(" on "), code(run.branch)] : []),
    ]);
  }
  if (run.environment) details.push([strong("Environment: "), plain(run.environment)]);
  details.push([strong("Seen: "), plain(run.mark.at)]);
  return [heading("Run"), bulletList(details)];
}

function runMarkInlines(mark: RunMark): AdfInline[] {
  return [
    plain(mark.at),
    ...(mark.runUrl ? [plain(" — "), link("CI run", mark.runUrl)] : []),
    ...(mark.commit ? [plain(" — "), code(mark.commit.slice(0, 12))] : []),
  ];
}

/** The `at …` lines of a stack, without the message Playwright repeats above them. */
function stackFrames(stack: string): string {
  return stripAnsi(stack)
    .split("\n")
    .filter((line) => /^\s+at /.test(line))
    .slice(0, 15)
    .map((line) => line.trim())
    .join("\n");
}

function isFailed(test: TestRecord): boolean {
  return test.outcome === "failed";
}
