import type { FullConfig, FullResult, Reporter, Suite } from "@playwright/test/reporter";
import { Outbox } from "./delivery/outbox.ts";
import { messageOf } from "./delivery/retry.ts";
import { consoleLog } from "./reporter-log.ts";
import { redact } from "../shared/redact.ts";
import type { ReporterLog } from "./reporter-log.ts";
import { detectCiRun } from "./run-summary/ci-environment.ts";
import { summarisePlaywrightRun } from "./run-summary/from-playwright.ts";
import type { RunSummary } from "./run-summary/run-summary.ts";

/** The settings every run reporter reads before it hands the summary over. */
export interface RunReporterSettings {
  outboxDir: string;
  runOnShards: boolean;
  environment?: string;
  reportUrl?: string;
}

export type RunReporterResolution<Settings extends RunReporterSettings> =
  { active: true; settings: Settings } | { active: false; reason: string };

export interface RunDelivery<Settings extends RunReporterSettings> {
  summary: RunSummary;
  settings: Settings;
  outbox: Outbox;
  log: ReporterLog;
}

/**
 * Whether this is one shard of a sharded run. Reporters that talk to Jira or Slack run once, on
 * the merged result (`playwright merge-reports` reports no shard), not once per shard.
 */
function isShardRun(config: FullConfig): boolean {
  return config.shard !== null && config.shard.total > 1;
}

/**
 * When a reporter delivers: as the run ends (`onEnd`), or as Playwright exits (`onExit`), which
 * comes after every reporter's `onEnd`, whatever their order in the config.
 */
export type DeliveryPhase = "end" | "exit";

/**
 * The lifecycle the Jira and Slack reporters share: stay quiet when not configured or on a shard,
 * summarise the run once it ends, hand the summary to `deliver` in the reporter's phase, and turn
 * any failure into a warning with the reporter's secrets redacted.
 */
export abstract class RunSummaryReporter<Settings extends RunReporterSettings> implements Reporter {
  readonly #resolution: RunReporterResolution<Settings>;
  readonly #log: ReporterLog;
  readonly #phase: DeliveryPhase;
  #rootSuite: Suite | undefined;
  #skipReason: string | undefined;
  #summary: RunSummary | undefined;

  protected constructor(
    resolution: RunReporterResolution<Settings>,
    options: { logPrefix: string; phase: DeliveryPhase },
  ) {
    this.#resolution = resolution;
    this.#log = consoleLog(options.logPrefix);
    this.#phase = options.phase;
  }

  protected abstract deliver(delivery: RunDelivery<Settings>): Promise<void>;

  /** Values that must never reach the log, should an error message echo one back. */
  protected abstract secretsOf(settings: Settings): readonly (string | undefined)[];

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
    const rootSuite = this.#rootSuite;
    if (this.#skipReason || !this.#resolution.active || !rootSuite) return;
    const { settings } = this.#resolution;
    await this.#guarded(settings, async () => {
      this.#summary = summarisePlaywrightRun({
        rootSuite,
        result,
        ci: detectCiRun(process.env),
        cwd: process.cwd(),
        ...(settings.environment ? { environment: settings.environment } : {}),
        ...(settings.reportUrl ? { reportUrl: settings.reportUrl } : {}),
      });
      if (this.#phase === "end") await this.#deliver(settings);
    });
  }

  async onExit(): Promise<void> {
    if (this.#phase !== "exit" || !this.#resolution.active) return;
    const { settings } = this.#resolution;
    await this.#guarded(settings, () => this.#deliver(settings));
  }

  /** Delivers the summary once; a second end or exit of the same run finds nothing left to do. */
  async #deliver(settings: Settings): Promise<void> {
    const summary = this.#summary;
    this.#summary = undefined;
    if (!summary) return;
    await this.deliver({
      summary,
      settings,
      outbox: new Outbox(settings.outboxDir),
      log: this.#log,
    });
  }

  async #guarded(settings: Settings, action: () => Promise<void>): Promise<void> {
    try {
      await action();
    } catch (error) {
      // Reporting must never change the run's result.
      this.#log.warn(`reporting failed: ${redact(messageOf(error), this.secretsOf(settings))}`);
    }
  }
}
