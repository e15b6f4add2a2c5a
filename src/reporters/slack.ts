import { RunSummaryReporter } from "./base.ts";
import type { RunDelivery } from "./base.ts";
import { reportRunToSlack } from "./slack/slack-run.ts";
import { webhookSecrets } from "./slack/slack-sender.ts";
import { resolveSlackSettings } from "./slack/slack-settings.ts";
import type { SlackReporterOptions, SlackSettings } from "./slack/slack-settings.ts";
import { ticketLinkFor } from "./ticket-links.ts";

export type { SlackReporterOptions } from "./slack/slack-settings.ts";

/**
 * Playwright reporter: one summary per run to a Slack incoming webhook, always within Block Kit's
 * limits, with links to the failures' Jira tickets when the Jira reporter is listed before it.
 * Active when `SLACK_WEBHOOK_URL` is set.
 *
 *   reporter: [["./src/reporters/jira.ts"], ["./src/reporters/slack.ts", { sendOn: "failure" }]]
 */
export default class SlackReporter extends RunSummaryReporter<SlackSettings> {
  /** Throws `ReporterConfigError` for an invalid option or env value, naming it. */
  constructor(options: SlackReporterOptions = {}) {
    super(resolveSlackSettings(options, process.env), "slack");
  }

  protected override async deliver(delivery: RunDelivery<SlackSettings>): Promise<void> {
    await reportRunToSlack({ ...delivery, ticketFor: ticketLinkFor });
  }

  protected override secretsOf(settings: SlackSettings): string[] {
    return webhookSecrets(settings.webhookUrl);
  }
}
