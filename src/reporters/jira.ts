import { RunSummaryReporter } from "./base.ts";
import type { RunDelivery } from "./base.ts";
import { connectionSecrets } from "./jira/create-gateway.ts";
import { reportRunWithJiraSettings } from "./jira/jira-run.ts";
import { resolveJiraSettings } from "./jira/jira-settings.ts";
import type { JiraReporterOptions, JiraSettings } from "./jira/jira-settings.ts";
import { TicketLinkHandoff } from "./ticket-links.ts";

export type { JiraReporterOptions } from "./jira/jira-settings.ts";

/**
 * Playwright reporter: a ticket per new failure, a recurrence comment when it is seen again,
 * resolution after passing runs, reopening on regression. Active when the `JIRA_*` env is set.
 *
 *   reporter: [["./src/reporters/jira.ts", { autoResolveAfter: 3 }]]
 */
export default class JiraReporter extends RunSummaryReporter<JiraSettings> {
  /** Throws `ReporterConfigError` for an invalid option or env value, naming it. */
  constructor(options: JiraReporterOptions = {}) {
    // Delivers as the run ends, so its tickets are known when the Slack reporter delivers.
    super(resolveJiraSettings(options, process.env), { logPrefix: "jira", phase: "end" });
  }

  protected override async deliver(delivery: RunDelivery<JiraSettings>): Promise<void> {
    const outcome = await reportRunWithJiraSettings(delivery);
    await TicketLinkHandoff.forRun(delivery.summary).publish(outcome.tickets);
  }

  protected override secretsOf(settings: JiraSettings): string[] {
    return connectionSecrets(settings.connection);
  }
}
