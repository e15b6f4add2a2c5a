import { Outbox } from "../../reporters/delivery/outbox.ts";
import { messageOf } from "../../reporters/delivery/retry.ts";
import { connectionSecrets } from "../../reporters/jira/create-gateway.ts";
import { reportRunWithJiraSettings } from "../../reporters/jira/jira-run.ts";
import { resolveJiraSettings } from "../../reporters/jira/jira-settings.ts";
import type { JiraSettingsResolution } from "../../reporters/jira/jira-settings.ts";
import { redact } from "../../shared/redact.ts";
import type { ReporterLog } from "../../reporters/reporter-log.ts";
import type { RunSummary } from "../../reporters/run-summary/run-summary.ts";
import { reportRunToSlack } from "../../reporters/slack/slack-run.ts";
import { webhookSecrets } from "../../reporters/slack/slack-sender.ts";
import { resolveSlackSettings } from "../../reporters/slack/slack-settings.ts";
import type { SlackSettingsResolution } from "../../reporters/slack/slack-settings.ts";
import type { TicketLink } from "../../reporters/ticket-links.ts";
import { perfAttachmentNames } from "./perf-run-summary.ts";

type Env = Record<string, string | undefined>;

/** Where the verdict goes, resolved from the same env as the reporters (`SLACK_*`, `JIRA_*`). */
export interface VerdictChannels {
  slack: SlackSettingsResolution;
  jira: JiraSettingsResolution;
}

/**
 * Resolves both channels once, before a run, so an invalid value (a bad URL, a bad number) stops
 * the command at the start, naming the variable. Inactive channels are not errors.
 */
export function resolveVerdictChannels(scenario: string, env: Env): VerdictChannels {
  return {
    slack: resolveSlackSettings(env.SLACK_TITLE ? {} : { title: `Load test ${scenario}` }, env),
    jira: resolveJiraSettings({ attachments: Object.values(perfAttachmentNames) }, env),
  };
}

export interface VerdictDelivery {
  tickets: TicketLink[];
  slackMessages: number;
}

/**
 * Jira first (a breached objective opens, updates or reopens its ticket), then the Slack summary
 * with those tickets linked; the same order as the reporters. Never throws: what cannot be
 * delivered goes to the outbox (`qaops report replay`), with a warning.
 */
export async function deliverPerfVerdict(options: {
  summary: RunSummary;
  channels: VerdictChannels;
  jiraLog: ReporterLog;
  slackLog: ReporterLog;
}): Promise<VerdictDelivery> {
  const { summary, channels } = options;
  let tickets: TicketLink[] = [];
  if (channels.jira.active) {
    const { settings } = channels.jira;
    try {
      const outcome = await reportRunWithJiraSettings({
        summary,
        settings,
        outbox: new Outbox(settings.outboxDir),
        log: options.jiraLog,
      });
      tickets = outcome.tickets;
    } catch (error) {
      options.jiraLog.warn(
        `reporting failed: ${redact(messageOf(error), connectionSecrets(settings.connection))}`,
      );
    }
  } else {
    options.jiraLog.note(channels.jira.reason);
  }

  let slackMessages = 0;
  if (channels.slack.active) {
    const { settings } = channels.slack;
    const byFingerprint = new Map(tickets.map((ticket) => [ticket.fingerprint, ticket]));
    try {
      const outcome = await reportRunToSlack({
        summary,
        settings,
        ticketFor: (fingerprint) => byFingerprint.get(fingerprint),
        outbox: new Outbox(settings.outboxDir),
        log: options.slackLog,
      });
      slackMessages = outcome.messages.length;
    } catch (error) {
      options.slackLog.warn(
        `reporting failed: ${redact(messageOf(error), webhookSecrets(settings.webhookUrl))}`,
      );
    }
  } else {
    options.slackLog.note(channels.slack.reason);
  }
  return { tickets, slackMessages };
}
