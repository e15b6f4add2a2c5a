import { z } from "zod";
import type { RunReporterResolution } from "../base.ts";
import { parseSettings } from "../reporter-config-error.ts";
import type { SettingNames } from "../reporter-config-error.ts";
import {
  rawRunReporterOptions,
  runReporterSchemaShape,
  runReporterSettingNames,
  runReporterSettingsOf,
} from "../run-reporter-settings.ts";
import type { RunReporterOptions, SharedRunReporterSettings } from "../run-reporter-settings.ts";
import { defaultSlackSummaryOptions } from "./slack-payload.ts";
import type { SendOn } from "./slack-payload.ts";

/** What `['./src/reporters/slack.ts', { … }]` accepts in playwright.config. Every key is optional. */
export interface SlackReporterOptions extends RunReporterOptions {
  webhookUrl?: string;
  sendOn?: SendOn;
  title?: string;
  maxFailuresListed?: number;
  maxMessages?: number;
  /** Pause between the messages of one summary; Slack allows about one a second per webhook. */
  minIntervalMs?: number;
}

export interface SlackSettings extends SharedRunReporterSettings {
  /** Undefined only in a dry run without a webhook. */
  webhookUrl: string | undefined;
  sendOn: SendOn;
  title: string;
  maxFailuresListed: number;
  maxMessages: number;
  minIntervalMs: number;
}

export type SlackSettingsResolution = RunReporterResolution<SlackSettings>;

const defaultSlackDryRunFile = ".qaops/slack-payload.json";

const dryRunEnv = "SLACK_DRY_RUN";

const names: SettingNames = {
  webhookUrl: { option: "webhookUrl", env: "SLACK_WEBHOOK_URL", secret: true },
  sendOn: { option: "sendOn", env: "SLACK_SEND_ON" },
  title: { option: "title", env: "SLACK_TITLE" },
  maxFailuresListed: { option: "maxFailuresListed" },
  maxMessages: { option: "maxMessages" },
  minIntervalMs: { option: "minIntervalMs" },
  ...runReporterSettingNames(dryRunEnv),
};

const schema = z.object({
  webhookUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  sendOn: z.enum(["always", "failure", "never"], "must be always, failure or never"),
  title: z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters"),
  maxFailuresListed: z.number().int().nonnegative().max(5_000),
  maxMessages: z.number().int().min(1).max(10),
  minIntervalMs: z.number().int().min(0).max(60_000),
  ...runReporterSchemaShape,
});

/** Option, then env var, then default; inactive when no webhook URL is set (and no dry run). */
export function resolveSlackSettings(
  options: SlackReporterOptions,
  env: Record<string, string | undefined>,
): SlackSettingsResolution {
  const raw = {
    webhookUrl: options.webhookUrl ?? (env.SLACK_WEBHOOK_URL || undefined),
    sendOn: options.sendOn ?? (env.SLACK_SEND_ON || "always"),
    title: options.title ?? (env.SLACK_TITLE || defaultSlackSummaryOptions.title),
    maxFailuresListed: options.maxFailuresListed ?? defaultSlackSummaryOptions.maxFailuresListed,
    maxMessages: options.maxMessages ?? defaultSlackSummaryOptions.maxMessages,
    minIntervalMs: options.minIntervalMs ?? 1_000,
    ...rawRunReporterOptions(options, env, dryRunEnv),
  };
  const parsed = parseSettings({ reporter: "slack", schema, raw, names });
  const shared = runReporterSettingsOf(parsed, defaultSlackDryRunFile);
  if (!parsed.webhookUrl && !shared.dryRunFile) {
    return { active: false, reason: "inactive: set SLACK_WEBHOOK_URL" };
  }
  return {
    active: true,
    settings: {
      webhookUrl: parsed.webhookUrl,
      sendOn: parsed.sendOn,
      title: parsed.title,
      maxFailuresListed: parsed.maxFailuresListed,
      maxMessages: parsed.maxMessages,
      minIntervalMs: parsed.minIntervalMs,
      ...shared,
    },
  };
}
