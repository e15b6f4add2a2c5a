import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { resolveSlackSettings } from "./slack-settings.ts";

const webhook = "https://hooks.slack.com/services/T0/B0/secretPart";

describe("resolveSlackSettings", () => {
  it("is inactive without SLACK_WEBHOOK_URL", () => {
    assert.deepEqual(resolveSlackSettings({}, {}), {
      active: false,
      reason: "inactive: set SLACK_WEBHOOK_URL",
    });
  });

  it("takes the option, then the env var, then the default", () => {
    const resolution = resolveSlackSettings(
      { title: "Nightly" },
      { SLACK_WEBHOOK_URL: webhook, SLACK_SEND_ON: "failure", SLACK_TITLE: "ignored" },
    );
    assert.ok(resolution.active);
    assert.equal(resolution.settings.title, "Nightly");
    assert.equal(resolution.settings.sendOn, "failure");
    assert.equal(resolution.settings.minIntervalMs, 1_000);
    assert.equal(resolution.settings.maxMessages, 3);
  });

  it("rejects a bad send-on and never echoes the webhook URL", () => {
    assert.throws(
      () => resolveSlackSettings({}, { SLACK_WEBHOOK_URL: webhook, SLACK_SEND_ON: "sometimes" }),
      /option `sendOn` \(env SLACK_SEND_ON\): must be always, failure or never; got "sometimes"/,
    );
    assert.throws(
      () => resolveSlackSettings({}, { SLACK_WEBHOOK_URL: "not a url/secretPart" }),
      (error: unknown) =>
        error instanceof Error &&
        /SLACK_WEBHOOK_URL/.test(error.message) &&
        !/secretPart/.test(error.message),
    );
  });
});
