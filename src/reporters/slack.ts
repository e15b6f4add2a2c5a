import { RunSummaryReporter } from "./base.ts";
import type { RunDelivery } from "./base.ts";
import { reportRunToSlack } from "./slack/slack-run.ts";
import { webhookSecrets } from "./slack/slack-sender.ts";
import { resolveSlackSettings } from "./slack/slack-settings.ts";
import type { SlackReporterOptions, SlackSettings } from "./slack/slack-settings.ts";
import { TicketLinkHandoff, ticketLookup } from "./ticket-links.ts";

export type { SlackReporterOptions } from "./slack/slack-settings.ts";

/**
 * Playwright reporter: one summary per run to a Slack incoming webhook, always within Block Kit's
 * limits, with links to the failures' Jira tickets when the Jira reporter is listed too, before
 * or after it. Active when `SLACK_WEBHOOK_URL` is set.
 *
 *   reporter: [["./src/reporters/slack.ts", { sendOn: "failure" }], ["./src/reporters/jira.ts"]]
 */
export default class SlackReporter extends RunSummaryReporter<SlackSettings> {
  /** Throws `ReporterConfigError` for an invalid option or env value, naming it. */
  constructor(options: SlackReporterOptions = {}) {
    // Delivers as Playwright exits: by then the Jira reporter, wherever it is listed, has ended.
    super(resolveSlackSettings(options, process.env), { logPrefix: "slack", phase: "exit" });
  }

  protected override async deliver(delivery: RunDelivery<SlackSettings>): Promise<void> {
    const tickets = await TicketLinkHandoff.forRun(delivery.summary).read();
    await reportRunToSlack({ ...delivery, ticketFor: ticketLookup(tickets) });
  }

  protected override secretsOf(settings: SlackSettings): string[] {
    return webhookSecrets(settings.webhookUrl);
  }
}
