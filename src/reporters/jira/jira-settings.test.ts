import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ReporterConfigError } from "../reporter-config-error.ts";
import { resolveJiraSettings } from "./jira-settings.ts";

const env = {
  JIRA_BASE_URL: "https://acme.atlassian.net/",
  JIRA_EMAIL: "qa@acme.test",
  JIRA_API_TOKEN: "tok-secret-value",
  JIRA_PROJECT_KEY: "QA",
};

describe("resolveJiraSettings", () => {
  it("is inactive, naming what to set, when the env is missing", () => {
    assert.deepEqual(resolveJiraSettings({}, {}), {
      active: false,
      reason: "inactive: set JIRA_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN, JIRA_PROJECT_KEY",
    });
    assert.deepEqual(resolveJiraSettings({}, { ...env, JIRA_EMAIL: "" }), {
      active: false,
      reason: "inactive: set JIRA_EMAIL",
    });
  });

  it("takes the reporter option first, then the env var, then the default", () => {
    const resolution = resolveJiraSettings(
      { issueType: "Defect", autoResolveAfter: 2 },
      { ...env, JIRA_ISSUE_TYPE: "Story", JIRA_AUTO_RESOLVE_AFTER: "5", JIRA_FLAKY_THRESHOLD: "4" },
    );
    assert.ok(resolution.active);
    const { settings } = resolution;
    assert.equal(settings.plan.issueType, "Defect");
    assert.equal(settings.plan.autoResolveAfter, 2);
    assert.equal(settings.plan.flakyThreshold, 4);
    assert.equal(settings.plan.massFailureThreshold, 20);
    assert.equal(settings.plan.flakyIssueType, "Task");
    assert.equal(settings.plan.siteUrl, "https://acme.atlassian.net");
    assert.equal(settings.outboxDir, ".qaops/outbox");
    assert.deepEqual(settings.connection, {
      deployment: "cloud",
      siteUrl: "https://acme.atlassian.net",
      email: "qa@acme.test",
      apiToken: "tok-secret-value",
    });
  });

  it("defaults the issue type to Bug", () => {
    const resolution = resolveJiraSettings({}, env);
    assert.ok(resolution.active && resolution.settings.plan.issueType === "Bug");
  });

  it("uses the token as a personal access token on Data Center, without an email", () => {
    const resolution = resolveJiraSettings(
      {},
      { ...env, JIRA_EMAIL: "", JIRA_DEPLOYMENT: "data-center" },
    );
    assert.ok(resolution.active);
    assert.deepEqual(resolution.settings.connection, {
      deployment: "data-center",
      siteUrl: "https://acme.atlassian.net",
      personalAccessToken: "tok-secret-value",
    });
  });

  it("plans a dry run with only a project key, and writes to the default file for JIRA_DRY_RUN=1", () => {
    const resolution = resolveJiraSettings({}, { JIRA_PROJECT_KEY: "QA", JIRA_DRY_RUN: "1" });
    assert.ok(resolution.active);
    assert.equal(resolution.settings.connection, undefined);
    assert.equal(resolution.settings.dryRunFile, ".qaops/jira-plan.json");
  });

  it("rejects a bad value with the option, its env var and the value", () => {
    assert.throws(
      () => resolveJiraSettings({}, { ...env, JIRA_AUTO_RESOLVE_AFTER: "soon" }),
      (error: unknown) =>
        error instanceof ReporterConfigError &&
        /option `autoResolveAfter` \(env JIRA_AUTO_RESOLVE_AFTER\): must be a whole number; got "soon"/.test(
          error.message,
        ),
    );
    assert.throws(
      () => resolveJiraSettings({ labels: ["two words"] }, env),
      /option `labels.0` \(env JIRA_LABELS\): Jira labels cannot contain spaces/,
    );
    assert.throws(
      () => resolveJiraSettings({ owners: [{ component: "x" }] }, env),
      /each rule needs a tag, an annotation or a project/,
    );
    assert.throws(
      () => resolveJiraSettings({}, { ...env, JIRA_PROJECT_KEY: "qa team" }),
      /JIRA_PROJECT_KEY.*project key/,
    );
    assert.throws(
      () => resolveJiraSettings({}, { ...env, JIRA_BASE_URL: "acme" }),
      /JIRA_BASE_URL.*http\(s\) URL/,
    );
  });

  it("never prints a secret's value in an error", () => {
    assert.throws(
      () => resolveJiraSettings({ apiToken: 42 as unknown as string }, env),
      (error: unknown) =>
        error instanceof Error && /apiToken/.test(error.message) && !/42/.test(error.message),
    );
  });
});
