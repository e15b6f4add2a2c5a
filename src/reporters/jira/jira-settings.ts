import { z } from "zod";
import type { RunReporterResolution } from "../base.ts";
import { envList, envNumber, parseSettings } from "../reporter-config-error.ts";
import type { SettingNames } from "../reporter-config-error.ts";
import {
  rawRunReporterOptions,
  runReporterSchemaShape,
  runReporterSettingNames,
  runReporterSettingsOf,
} from "../run-reporter-settings.ts";
import type { RunReporterOptions, SharedRunReporterSettings } from "../run-reporter-settings.ts";

/** A rule that routes tickets of matching tests to an owner. */
export interface OwnerRule {
  /** A test tag, e.g. `@payments`. */
  tag?: string;
  /** An annotation type, e.g. `owner`; with `value`, its description must equal it too. */
  annotation?: string;
  value?: string;
  /** A Playwright project (a service, in this repository). */
  project?: string;
  component?: string;
  /** Jira Cloud: an account id. Data Center: a user name. */
  assignee?: string;
  labels?: string[];
}

/** What `['./src/reporters/jira.ts', { … }]` accepts in playwright.config. Every key is optional. */
export interface JiraReporterOptions extends RunReporterOptions {
  baseUrl?: string;
  email?: string;
  apiToken?: string;
  projectKey?: string;
  issueType?: string;
  deployment?: "cloud" | "data-center";
  flakyIssueType?: string;
  flakyThreshold?: number;
  autoResolveAfter?: number;
  doneTransition?: string;
  reopenTransition?: string;
  massFailureThreshold?: number;
  environmentIssueType?: string;
  labels?: string[];
  owners?: OwnerRule[];
  attachments?: string[];
  maxAttachmentBytes?: number;
  concurrency?: number;
}

/** Decisions the planner takes: plain data, saved with undelivered work so a replay plans alike. */
export interface JiraPlanOptions {
  siteUrl: string;
  projectKey: string;
  issueType: string;
  flakyIssueType: string;
  /** Flaky runs before a test gets a flaky ticket; 0 turns flaky tracking off. */
  flakyThreshold: number;
  /** Clean runs in a row before a ticket is resolved; 0 never resolves. */
  autoResolveAfter: number;
  doneTransition?: string;
  reopenTransition?: string;
  /** Failing tests in one run from which one environment ticket replaces per-test tickets; 0: never. */
  massFailureThreshold: number;
  environmentIssueType: string;
  labels: string[];
  owners: OwnerRule[];
  /** Attachment names of a failing test that are uploaded to its ticket. */
  attachments: string[];
  maxAttachmentBytes: number;
}

export type JiraConnection =
  | { deployment: "cloud"; siteUrl: string; email: string; apiToken: string }
  | { deployment: "data-center"; siteUrl: string; personalAccessToken: string };

export interface JiraSettings extends SharedRunReporterSettings {
  connection: JiraConnection | undefined;
  plan: JiraPlanOptions;
  concurrency: number;
}

export type JiraSettingsResolution = RunReporterResolution<JiraSettings>;

const defaultDryRunFile = ".qaops/jira-plan.json";

const dryRunEnv = "JIRA_DRY_RUN";

const names: SettingNames = {
  baseUrl: { option: "baseUrl", env: "JIRA_BASE_URL" },
  email: { option: "email", env: "JIRA_EMAIL" },
  apiToken: { option: "apiToken", env: "JIRA_API_TOKEN", secret: true },
  projectKey: { option: "projectKey", env: "JIRA_PROJECT_KEY" },
  issueType: { option: "issueType", env: "JIRA_ISSUE_TYPE" },
  deployment: { option: "deployment", env: "JIRA_DEPLOYMENT" },
  flakyIssueType: { option: "flakyIssueType", env: "JIRA_FLAKY_ISSUE_TYPE" },
  flakyThreshold: { option: "flakyThreshold", env: "JIRA_FLAKY_THRESHOLD" },
  autoResolveAfter: { option: "autoResolveAfter", env: "JIRA_AUTO_RESOLVE_AFTER" },
  doneTransition: { option: "doneTransition", env: "JIRA_DONE_TRANSITION" },
  reopenTransition: { option: "reopenTransition", env: "JIRA_REOPEN_TRANSITION" },
  massFailureThreshold: { option: "massFailureThreshold", env: "JIRA_MASS_FAILURE_THRESHOLD" },
  environmentIssueType: { option: "environmentIssueType" },
  labels: { option: "labels", env: "JIRA_LABELS" },
  owners: { option: "owners" },
  attachments: { option: "attachments" },
  maxAttachmentBytes: { option: "maxAttachmentBytes" },
  concurrency: { option: "concurrency" },
  ...runReporterSettingNames(dryRunEnv),
};

const count = z
  .number({ error: "must be a whole number" })
  .int("must be a whole number")
  .nonnegative("must be 0 or more");
const name = z.string().trim().min(1, "must not be empty");
const label = z
  .string()
  .trim()
  .min(1, "must not be empty")
  .regex(/^\S+$/, "Jira labels cannot contain spaces");

const schema = z.object({
  baseUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  email: z.string().optional(),
  apiToken: z.string().optional(),
  projectKey: z
    .string()
    .regex(/^[A-Z][A-Z0-9_]+$/, "must be a Jira project key such as QA")
    .optional(),
  issueType: name,
  deployment: z.enum(["cloud", "data-center"], "must be cloud or data-center"),
  flakyIssueType: name,
  flakyThreshold: count,
  autoResolveAfter: count,
  doneTransition: name.optional(),
  reopenTransition: name.optional(),
  massFailureThreshold: count,
  environmentIssueType: name.optional(),
  labels: z.array(label),
  owners: z.array(
    z
      .object({
        tag: name.optional(),
        annotation: name.optional(),
        value: z.string().optional(),
        project: name.optional(),
        component: name.optional(),
        assignee: name.optional(),
        labels: z.array(label).optional(),
      })
      .strict()
      .refine((rule) => rule.tag || rule.annotation || rule.project, {
        message: "each rule needs a tag, an annotation or a project to match",
      }),
  ),
  attachments: z.array(name),
  maxAttachmentBytes: z
    .number({ error: "must be a number of bytes" })
    .int()
    .positive("must be a positive number of bytes"),
  concurrency: z.number({ error: "must be a number from 1 to 16" }).int().min(1).max(16),
  ...runReporterSchemaShape,
});

/**
 * Options in one order: the reporter option, then the env var, then the default. Inactive (not
 * an error) when the connection env is unset; an error when a value is invalid.
 */
export function resolveJiraSettings(
  options: JiraReporterOptions,
  env: Record<string, string | undefined>,
): JiraSettingsResolution {
  const parsed = parseSettings({ reporter: "jira", schema, raw: rawOptions(options, env), names });
  const { dryRunFile, ...shared } = runReporterSettingsOf(parsed, defaultDryRunFile);
  const { connection, missing, siteUrl } = connectionOf(parsed);
  // A dry run needs only the project key: without credentials it plans as if no ticket existed.
  if (!parsed.projectKey || (!connection && !dryRunFile)) {
    return { active: false, reason: `inactive: set ${missing.join(", ")}` };
  }
  return {
    active: true,
    settings: {
      connection,
      plan: planOptionsOf({ ...parsed, projectKey: parsed.projectKey }, siteUrl),
      concurrency: parsed.concurrency,
      dryRunFile,
      ...shared,
    },
  };
}

type ParsedOptions = z.output<typeof schema>;

function rawOptions(
  options: JiraReporterOptions,
  env: Record<string, string | undefined>,
): Record<string, unknown> {
  const pick = <T>(option: T | undefined, fromEnv: T | undefined, fallback?: T) =>
    option ?? fromEnv ?? fallback;
  return {
    baseUrl: pick(options.baseUrl, env.JIRA_BASE_URL || undefined),
    email: pick(options.email, env.JIRA_EMAIL || undefined),
    apiToken: pick(options.apiToken, env.JIRA_API_TOKEN || undefined),
    projectKey: pick(options.projectKey, env.JIRA_PROJECT_KEY || undefined),
    issueType: pick(options.issueType, env.JIRA_ISSUE_TYPE || undefined, "Bug"),
    deployment: pick<string>(options.deployment, env.JIRA_DEPLOYMENT || undefined, "cloud"),
    flakyIssueType: pick(options.flakyIssueType, env.JIRA_FLAKY_ISSUE_TYPE || undefined, "Task"),
    flakyThreshold: pick(options.flakyThreshold, envNumber(env.JIRA_FLAKY_THRESHOLD), 5),
    autoResolveAfter: pick(options.autoResolveAfter, envNumber(env.JIRA_AUTO_RESOLVE_AFTER), 0),
    doneTransition: pick(options.doneTransition, env.JIRA_DONE_TRANSITION || undefined),
    reopenTransition: pick(options.reopenTransition, env.JIRA_REOPEN_TRANSITION || undefined),
    massFailureThreshold: pick(
      options.massFailureThreshold,
      envNumber(env.JIRA_MASS_FAILURE_THRESHOLD),
      20,
    ),
    environmentIssueType: options.environmentIssueType,
    labels: pick(options.labels, envList(env.JIRA_LABELS), []),
    owners: options.owners ?? [],
    attachments: options.attachments ?? ["api-exchanges", "error-context", "trace"],
    maxAttachmentBytes: options.maxAttachmentBytes ?? 5 * 1024 * 1024,
    concurrency: options.concurrency ?? 4,
    ...rawRunReporterOptions(options, env, dryRunEnv),
  };
}

/** The connection, when the env names every credential its deployment needs. */
function connectionOf(parsed: ParsedOptions): {
  connection: JiraConnection | undefined;
  missing: string[];
  siteUrl: string;
} {
  const dataCenter = parsed.deployment === "data-center";
  const required = {
    JIRA_BASE_URL: parsed.baseUrl,
    ...(dataCenter ? {} : { JIRA_EMAIL: parsed.email }),
    JIRA_API_TOKEN: parsed.apiToken,
  };
  const missing = Object.entries(required).flatMap(([envName, value]) => (value ? [] : [envName]));
  if (!parsed.projectKey) missing.push("JIRA_PROJECT_KEY");
  const siteUrl = (parsed.baseUrl ?? "https://jira.invalid").replace(/\/+$/, "");
  const connection: JiraConnection | undefined =
    missing.length > 0 || !parsed.apiToken
      ? undefined
      : dataCenter
        ? { deployment: "data-center", siteUrl, personalAccessToken: parsed.apiToken }
        : { deployment: "cloud", siteUrl, email: parsed.email ?? "", apiToken: parsed.apiToken };
  return { connection, missing, siteUrl };
}

function planOptionsOf(
  parsed: ParsedOptions & { projectKey: string },
  siteUrl: string,
): JiraPlanOptions {
  return {
    siteUrl,
    projectKey: parsed.projectKey,
    issueType: parsed.issueType,
    flakyIssueType: parsed.flakyIssueType,
    flakyThreshold: parsed.flakyThreshold,
    autoResolveAfter: parsed.autoResolveAfter,
    ...(parsed.doneTransition ? { doneTransition: parsed.doneTransition } : {}),
    ...(parsed.reopenTransition ? { reopenTransition: parsed.reopenTransition } : {}),
    massFailureThreshold: parsed.massFailureThreshold,
    environmentIssueType: parsed.environmentIssueType ?? parsed.issueType,
    labels: parsed.labels,
    owners: parsed.owners,
    attachments: parsed.attachments,
    maxAttachmentBytes: parsed.maxAttachmentBytes,
  };
}

/** The schema of saved plan options, checked again when a replay reads them. */
export const jiraPlanOptionsSchema = z.object({
  siteUrl: z.string(),
  projectKey: z.string(),
  issueType: z.string(),
  flakyIssueType: z.string(),
  flakyThreshold: z.number(),
  autoResolveAfter: z.number(),
  doneTransition: z.string().optional(),
  reopenTransition: z.string().optional(),
  massFailureThreshold: z.number(),
  environmentIssueType: z.string(),
  labels: z.array(z.string()),
  owners: schema.shape.owners,
  attachments: z.array(z.string()),
  maxAttachmentBytes: z.number(),
});
