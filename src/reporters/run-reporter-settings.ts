import { z } from "zod";
import type { RunReporterSettings } from "./base.ts";
import { resolveOutboxDir } from "./delivery/outbox.ts";
import { defaultRetryPolicy } from "./delivery/retry.ts";
import type { RetryPolicy } from "./delivery/retry.ts";
import { dryRunFileOf, envDryRun } from "./reporter-config-error.ts";
import type { SettingNames } from "./reporter-config-error.ts";

/** The options every run reporter (Jira, Slack) accepts besides its own. Every key is optional. */
export interface RunReporterOptions {
  dryRun?: boolean | string;
  outboxDir?: string;
  retry?: Partial<RetryPolicy>;
  runOnShards?: boolean;
  environment?: string;
  reportUrl?: string;
}

const whole = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .nonnegative("must be 0 or more");
const nonEmpty = z.string().trim().min(1, "must not be empty");

/** The schema of the shared options, spread into each reporter's own. */
export const runReporterSchemaShape = {
  dryRun: z.union([z.boolean(), nonEmpty]),
  outboxDir: nonEmpty,
  retry: z
    .object({
      attempts: z.number().int().min(1).max(10).optional(),
      baseDelayMs: whole.optional(),
      maxDelayMs: whole.optional(),
    })
    .strict(),
  runOnShards: z.boolean(),
  environment: z.string().optional(),
  reportUrl: z.string().optional(),
};

type ParsedRunReporterOptions = z.output<z.ZodObject<typeof runReporterSchemaShape>>;

/** How the shared options are spelled; `dryRunEnv` is the reporter's own (`JIRA_DRY_RUN`). */
export function runReporterSettingNames(dryRunEnv: string): SettingNames {
  return {
    dryRun: { option: "dryRun", env: dryRunEnv },
    outboxDir: { option: "outboxDir", env: "QAOPS_OUTBOX_DIR" },
    retry: { option: "retry" },
    runOnShards: { option: "runOnShards" },
    environment: { option: "environment", env: "QAOPS_ENVIRONMENT" },
    reportUrl: { option: "reportUrl", env: "QAOPS_REPORT_URL" },
  };
}

/** The shared options before parsing: the option, else the env var, else the default. */
export function rawRunReporterOptions(
  options: RunReporterOptions,
  env: Record<string, string | undefined>,
  dryRunEnv: string,
): Record<keyof RunReporterOptions, unknown> {
  return {
    dryRun: options.dryRun ?? envDryRun(env[dryRunEnv]) ?? false,
    outboxDir: resolveOutboxDir(options.outboxDir, env),
    retry: options.retry ?? {},
    runOnShards: options.runOnShards ?? false,
    environment: options.environment ?? (env.QAOPS_ENVIRONMENT || undefined),
    reportUrl: options.reportUrl ?? (env.QAOPS_REPORT_URL || undefined),
  };
}

/** The settings every run reporter resolves from the shared options. */
export interface SharedRunReporterSettings extends RunReporterSettings {
  /** Where a dry run writes what it would send; undefined: deliver for real. */
  dryRunFile: string | undefined;
  retry: RetryPolicy;
}

/** The shared settings, once parsed. */
export function runReporterSettingsOf(
  parsed: ParsedRunReporterOptions,
  defaultDryRunFile: string,
): SharedRunReporterSettings {
  return {
    dryRunFile: dryRunFileOf(parsed.dryRun, defaultDryRunFile),
    outboxDir: parsed.outboxDir,
    retry: { ...defaultRetryPolicy, ...parsed.retry },
    runOnShards: parsed.runOnShards,
    ...(parsed.environment ? { environment: parsed.environment } : {}),
    ...(parsed.reportUrl ? { reportUrl: parsed.reportUrl } : {}),
  };
}
