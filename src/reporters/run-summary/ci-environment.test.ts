import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { detectCiRun } from "./ci-environment.ts";

describe("detectCiRun", () => {
  it("builds the GitHub Actions run link from the server, repository and run id", () => {
    assert.deepEqual(
      detectCiRun({
        GITHUB_ACTIONS: "true",
        GITHUB_SERVER_URL: "https://github.example.com",
        GITHUB_REPOSITORY: "acme/shop",
        GITHUB_RUN_ID: "9001",
        GITHUB_SHA: "abc123",
        GITHUB_REF_NAME: "main",
      }),
      {
        provider: "github-actions",
        runUrl: "https://github.example.com/acme/shop/actions/runs/9001",
        commit: "abc123",
        branch: "main",
      },
    );
  });

  it("prefers a pull request's head branch on GitHub", () => {
    const run = detectCiRun({
      GITHUB_ACTIONS: "true",
      GITHUB_HEAD_REF: "fix/eta",
      GITHUB_REF_NAME: "12/merge",
    });
    assert.equal(run.branch, "fix/eta");
  });

  it("reads GitLab, Jenkins, CircleCI, Buildkite and Azure Pipelines", () => {
    assert.equal(
      detectCiRun({ GITLAB_CI: "true", CI_PIPELINE_URL: "https://gl/p/1" }).runUrl,
      "https://gl/p/1",
    );
    assert.equal(
      detectCiRun({ JENKINS_URL: "https://j", BUILD_URL: "https://j/job/7/" }).runUrl,
      "https://j/job/7/",
    );
    assert.equal(
      detectCiRun({ CIRCLECI: "true", CIRCLE_BUILD_URL: "https://c/3" }).provider,
      "circleci",
    );
    assert.equal(
      detectCiRun({ BUILDKITE: "true", BUILDKITE_BUILD_URL: "https://b/4" }).runUrl,
      "https://b/4",
    );
    assert.equal(
      detectCiRun({
        TF_BUILD: "True",
        SYSTEM_COLLECTIONURI: "https://dev.azure.com/acme/",
        SYSTEM_TEAMPROJECT: "shop",
        BUILD_BUILDID: "55",
      }).runUrl,
      "https://dev.azure.com/acme/shop/_build/results?buildId=55",
    );
  });

  it("says local, with no link, outside CI", () => {
    assert.deepEqual(detectCiRun({}), { provider: "local" });
  });
});
