import type { FullConfig, FullResult, Reporter, Suite } from "@playwright/test/reporter";
import { Outbox } from "./delivery/outbox.ts";
import { messageOf } from "./delivery/retry.ts";
import { consoleLog, redact } from "./reporter-log.ts";
import type { ReporterLog } from "./reporter-log.ts";
import { detectCiRun } from "./run-summary/ci-environment.ts";
import { summarisePlaywrightRun } from "./run-summary/from-playwright.ts";
import { isShardRun } from "./shard-guard.ts";
import { reportRunToSlack } from "./slack/slack-run.ts";
import { resolveSlackSettings } from "./slack/slack-settings.ts";
import type { SlackReporterOptions, SlackSettingsResolution } from "./slack/slack-settings.ts";
import { ticketLinkFor } from "./ticket-links.ts";

export type { SlackReporterOptions } from "./slack/slack-settings.ts";

/**
 * Playwright reporter: one summary per run to a Slack incoming webhook, always within Block Kit's
 * limits, with links to the failures' Jira tickets when the Jira reporter is listed before it.
 * Active when `SLACK_WEBHOOK_URL` is set.
 *
 *   reporter: [["./src/reporters/jira.ts"], ["./src/reporters/slack.ts", { sendOn: "failure" }]]
 */
export default class SlackReporter implements Reporter {
  readonly #resolution: SlackSettingsResolution;
  readonly #log: ReporterLog;
  #rootSuite: Suite | undefined;
  #skipReason: string | undefined;

  /** Throws `ReporterConfigError` for an invalid option or env value, naming it. */
  constructor(options: SlackReporterOptions = {}) {
    this.#resolution = resolveSlackSettings(options, process.env);
    this.#log = consoleLog("slack");
  }

  printsToStdio(): boolean {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite): void {
    this.#rootSuite = suite;
    if (!this.#resolution.active) {
      this.#skipReason = this.#resolution.reason;
    } else if (isShardRun(config) && !this.#resolution.settings.runOnShards) {
      this.#skipReason = "skipped on this shard; it reports once, from `playwright merge-reports`";
    }
    if (this.#skipReason) this.#log.note(this.#skipReason);
  }

  async onEnd(result: FullResult): Promise<void> {
    if (this.#skipReason || !this.#resolution.active || !this.#rootSuite) return;
    const { settings } = this.#resolution;
    try {
      const summary = summarisePlaywrightRun({
        rootSuite: this.#rootSuite,
        result,
        ci: detectCiRun(process.env),
        cwd: process.cwd(),
        ...(settings.environment ? { environment: settings.environment } : {}),
        ...(settings.reportUrl ? { reportUrl: settings.reportUrl } : {}),
      });
      await reportRunToSlack({
        summary,
        settings,
        ticketFor: ticketLinkFor,
        outbox: new Outbox(settings.outboxDir),
        log: this.#log,
      });
    } catch (error) {
      // Reporting must never change the run's result; the webhook URL is never printed.
      const url = settings.webhookUrl;
      this.#log.warn(
        `reporting failed: ${redact(messageOf(error), url ? [url, new URL(url).pathname] : [])}`,
      );
    }
  }
}
