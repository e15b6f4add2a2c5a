import { failureFingerprint } from "../run-summary/fingerprint.ts";
import { commonErrors } from "../run-summary/common-errors.ts";
import { firstLine } from "../run-summary/normalise-error.ts";
import type { RunSummary, TestRecord } from "../run-summary/run-summary.ts";
import type { TicketLink } from "../ticket-links.ts";
import { blockKitLimits, escapeMrkdwn, mrkdwnLink, truncate } from "./block-kit.ts";
import type { Block, MrkdwnText, SlackMessage } from "./block-kit.ts";

export interface SlackSummaryOptions {
  /** What the run is, e.g. `API tests`. */
  title: string;
  /** Failures listed by name; the rest are counted as "+N more". */
  maxFailuresListed: number;
  /** Messages one summary may take; past it, the failure list is cut with "+N more". */
  maxMessages: number;
  /** The Jira ticket of a failure, when there is one. */
  ticketFor?: (fingerprint: string) => TicketLink | undefined;
}

export const defaultSlackSummaryOptions: SlackSummaryOptions = {
  title: "API tests",
  maxFailuresListed: 50,
  maxMessages: 3,
};

const flakyListed = 20;
const topErrorsListed = 5;

/**
 * The run summary as Slack messages that are always valid Block Kit: counts, duration, links,
 * then the failures grouped by project and file, with their tickets. Long lists are split over up
 * to `maxMessages` messages of at most 50 blocks, and cut with "+N more" past that.
 */
export function buildSlackMessages(
  summary: RunSummary,
  options: SlackSummaryOptions,
): SlackMessage[] {
  const failed = summary.tests.filter((test) => test.outcome === "failed");
  const flaky = summary.tests.filter((test) => test.outcome === "flaky");
  const head: Block[] = [headerBlock(summary, options.title), countsBlock(summary)];
  const links = linksBlock(summary);
  if (links) head.push(links);

  const listed = failed.slice(0, Math.max(0, options.maxFailuresListed));
  const sections = failureSections(listed, options.ticketFor);
  const tail: Block[] = [];
  if (flaky.length > 0) tail.push(flakyBlock(flaky));

  // Every message after the first opens with a "continued" line; the last block may be "+N more".
  const maxMessages = Math.max(1, options.maxMessages);
  const fixed =
    head.length + (failed.length > 0 ? 1 : 0) + (failed.length >= 10 ? 1 : 0) + tail.length;
  const capacity = maxMessages * blockKitLimits.blocksPerMessage - fixed - (maxMessages - 1) - 1;
  const kept = sections.slice(0, Math.max(0, capacity));
  const shown = kept.reduce((sum, section) => sum + section.count, 0);
  const omitted = failed.length - shown;

  const body: Block[] = [];
  if (failed.length > 0) body.push({ type: "divider" });
  if (failed.length >= 10) body.push(topErrorsBlock(failed));
  body.push(...kept.map((section) => mrkdwnSection(section.text)));
  if (omitted > 0) body.push(moreBlock(omitted, summary));
  const blocks = [...head, ...body, ...tail];

  const messages: SlackMessage[] = [];
  const perMessage = blockKitLimits.blocksPerMessage;
  messages.push({
    text: notificationText(summary, options.title),
    blocks: blocks.slice(0, perMessage),
  });
  const total = 1 + Math.ceil(Math.max(0, blocks.length - perMessage) / (perMessage - 1));
  for (let start = perMessage; start < blocks.length; start += perMessage - 1) {
    const part = messages.length + 1;
    messages.push({
      text: `${options.title} (continued ${part}/${total})`,
      blocks: [
        {
          type: "context",
          elements: [mrkdwn(`${escapeMrkdwn(options.title)}, continued (${part}/${total})`)],
        },
        ...blocks.slice(start, start + perMessage - 1),
      ],
    });
  }
  return messages;
}

/** `failure`: only runs with failed tests (flaky ones do not count); `never`: nothing is sent. */
export type SendOn = "always" | "failure" | "never";

export function shouldSend(summary: RunSummary, sendOn: SendOn): boolean {
  if (sendOn === "never") return false;
  if (sendOn === "always") return true;
  return summary.counts.failed > 0 || summary.status === "failed" || summary.status === "timedout";
}

function headerBlock(summary: RunSummary, title: string): Block {
  const verdict =
    summary.counts.failed > 0
      ? `❌ ${title}: ${summary.counts.failed} failed`
      : summary.status === "passed"
        ? `✅ ${title}: passed`
        : `⚠️ ${title}: ${summary.status === "timedout" ? "timed out" : summary.status}`;
  return {
    type: "header",
    text: { type: "plain_text", text: truncate(verdict, blockKitLimits.headerText), emoji: true },
  };
}

function countsBlock(summary: RunSummary): Block {
  const { counts } = summary;
  const fields: MrkdwnText[] = [
    mrkdwn(`*Passed*\n${counts.passed}`),
    mrkdwn(`*Failed*\n${counts.failed}`),
    mrkdwn(`*Flaky*\n${counts.flaky}`),
    mrkdwn(`*Skipped*\n${counts.skipped}`),
    mrkdwn(`*Duration*\n${formatDuration(summary.durationMs)}`),
  ];
  if (summary.environment)
    fields.push(mrkdwn(`*Environment*\n${escapeMrkdwn(summary.environment)}`));
  if (summary.ci.commit) {
    const branch = summary.ci.branch ? ` on ${escapeMrkdwn(summary.ci.branch)}` : "";
    fields.push(mrkdwn(`*Commit*\n\`${escapeMrkdwn(summary.ci.commit.slice(0, 12))}\`${branch}`));
  }
  return {
    type: "section",
    fields: fields
      .slice(0, blockKitLimits.fieldsPerSection)
      .map((field) => ({ ...field, text: truncate(field.text, blockKitLimits.fieldText) })),
  };
}

function linksBlock(summary: RunSummary): Block | undefined {
  const links = [
    summary.ci.runUrl ? mrkdwnLink(summary.ci.runUrl, "CI run") : undefined,
    summary.reportUrl ? mrkdwnLink(summary.reportUrl, "HTML report") : undefined,
  ].filter((link): link is string => link !== undefined);
  if (links.length === 0) return undefined;
  return {
    type: "context",
    elements: [mrkdwn(truncate(links.join("  ·  "), blockKitLimits.contextText))],
  };
}

interface FailureSection {
  text: string;
  /** Failures it lists. */
  count: number;
}

/** One group per project and file, its lines packed into sections under the text limit. */
function failureSections(
  failed: readonly TestRecord[],
  ticketFor: SlackSummaryOptions["ticketFor"],
): FailureSection[] {
  const groups = Map.groupBy(failed, (test) => `${test.project}\u0000${test.file}`);
  const sections: FailureSection[] = [];
  for (const tests of groups.values()) {
    const first = tests[0];
    if (!first) continue;
    let text = `*${escapeMrkdwn(first.project || "(no project)")}* › \`${escapeMrkdwn(first.file)}\` (${tests.length} failed)`;
    let count = 0;
    for (const test of tests) {
      const line = failureLine(test, ticketFor);
      if (text.length + 1 + line.length > blockKitLimits.sectionText) {
        sections.push({ text, count });
        text = `*${escapeMrkdwn(first.project)}* › \`${escapeMrkdwn(first.file)}\` (continued)`;
        count = 0;
      }
      text += `\n${line}`;
      count += 1;
    }
    sections.push({ text, count });
  }
  return sections;
}

function failureLine(test: TestRecord, ticketFor: SlackSummaryOptions["ticketFor"]): string {
  const ticket = ticketFor?.(failureFingerprint(test));
  const error = truncate(firstLine(test.error?.message ?? "failed"), 150);
  const title = truncate(test.titlePath.join(" › "), 300);
  const parts = [`• ${escapeMrkdwn(title)}`, `\`${escapeMrkdwn(error).replace(/`/g, "'")}\``];
  if (ticket) parts.push(mrkdwnLink(ticket.url, ticket.key));
  return truncate(parts.join(" — "), 1_000);
}

/** With many failures one cause usually dominates (a service down); say which first. */
function topErrorsBlock(failed: readonly TestRecord[]): Block {
  const lines = commonErrors(failed)
    .slice(0, topErrorsListed)
    .map(
      ({ error, count }) =>
        `• ${count}× \`${escapeMrkdwn(truncate(error, 200)).replace(/`/g, "'")}\``,
    );
  return mrkdwnSection(`*Most common errors*\n${lines.join("\n")}`);
}

function moreBlock(omitted: number, summary: RunSummary): Block {
  const where = summary.reportUrl ?? summary.ci.runUrl;
  const link = where ? ` — ${mrkdwnLink(where, "see the full report")}` : "";
  return mrkdwnSection(`+${omitted} more failed test${omitted === 1 ? "" : "s"}${link}`);
}

function flakyBlock(flaky: readonly TestRecord[]): Block {
  const lines = flaky
    .slice(0, flakyListed)
    .map(
      (test) =>
        `• ${escapeMrkdwn(truncate(`${test.project} › ${test.titlePath.join(" › ")}`, 200))}`,
    );
  if (flaky.length > flakyListed) lines.push(`+${flaky.length - flakyListed} more`);
  return mrkdwnSection(`*Flaky* (failed, then passed on retry)\n${lines.join("\n")}`);
}

function notificationText(summary: RunSummary, title: string): string {
  const { counts } = summary;
  return `${title}: ${counts.failed} failed, ${counts.passed} passed, ${counts.flaky} flaky, ${counts.skipped} skipped`;
}

function mrkdwnSection(text: string): Block {
  return { type: "section", text: mrkdwn(truncate(text, blockKitLimits.sectionText)) };
}

function mrkdwn(text: string): MrkdwnText {
  return { type: "mrkdwn", text };
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m ${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}
