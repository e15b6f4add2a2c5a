import type { FullConfig, FullResult, Reporter, Suite } from "@playwright/test/reporter";
import { Outbox } from "./delivery/outbox.ts";
import { messageOf } from "./delivery/retry.ts";
import { connectionSecrets, createJiraGateway } from "./jira/create-gateway.ts";
import { reportRunToJira } from "./jira/jira-run.ts";
import { resolveJiraSettings } from "./jira/jira-settings.ts";
import type { JiraReporterOptions, JiraSettingsResolution } from "./jira/jira-settings.ts";
import { consoleLog, redact } from "./reporter-log.ts";
import type { ReporterLog } from "./reporter-log.ts";
import { detectCiRun } from "./run-summary/ci-environment.ts";
import { summarisePlaywrightRun } from "./run-summary/from-playwright.ts";
import { isShardRun } from "./shard-guard.ts";
import { publishTicketLinks } from "./ticket-links.ts";

export type { JiraReporterOptions } from "./jira/jira-settings.ts";

/**
 * Playwright reporter: a ticket per new failure, a recurrence comment when it is seen again,
 * resolution after passing runs, reopening on regression. Active when the `JIRA_*` env is set.
 *
 *   reporter: [["./src/reporters/jira.ts", { autoResolveAfter: 3 }]]
 */
export default class JiraReporter implements Reporter {
  readonly #resolution: JiraSettingsResolution;
  readonly #log: ReporterLog;
  #rootSuite: Suite | undefined;
  #skipReason: string | undefined;

  /** Throws `ReporterConfigError` for an invalid option or env value, naming it. */
  constructor(options: JiraReporterOptions = {}) {
    this.#resolution = resolveJiraSettings(options, process.env);
    this.#log = consoleLog("jira");
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
      const outcome = await reportRunToJira({
        summary,
        plan: settings.plan,
        retry: settings.retry,
        concurrency: settings.concurrency,
        gateway: settings.connection ? createJiraGateway(settings.connection) : undefined,
        ...(settings.dryRunFile ? { dryRunFile: settings.dryRunFile } : {}),
        outbox: new Outbox(settings.outboxDir),
        log: this.#log,
      });
      publishTicketLinks(outcome.tickets);
    } catch (error) {
      // Reporting must never change the run's result.
      this.#log.warn(
        `reporting failed: ${redact(messageOf(error), connectionSecrets(settings.connection))}`,
      );
    }
  }
}
