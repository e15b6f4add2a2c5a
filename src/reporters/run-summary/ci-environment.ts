import type { CiRun } from "./run-summary.ts";

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The CI run link, commit and branch from the variables each CI service sets. Unknown or no CI
 * gives `local` with whatever git-free hints the environment has.
 */
export function detectCiRun(env: Env): CiRun {
  if (env.GITHUB_ACTIONS === "true" || env.GITHUB_RUN_ID) {
    const server = env.GITHUB_SERVER_URL ?? "https://github.com";
    return compact({
      provider: "github-actions",
      runUrl:
        env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
          ? `${server}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
          : undefined,
      commit: env.GITHUB_SHA,
      branch: env.GITHUB_HEAD_REF || env.GITHUB_REF_NAME,
    });
  }
  if (env.GITLAB_CI) {
    return compact({
      provider: "gitlab-ci",
      runUrl: env.CI_PIPELINE_URL ?? env.CI_JOB_URL,
      commit: env.CI_COMMIT_SHA,
      branch: env.CI_COMMIT_REF_NAME,
    });
  }
  if (env.BUILDKITE) {
    return compact({
      provider: "buildkite",
      runUrl: env.BUILDKITE_BUILD_URL,
      commit: env.BUILDKITE_COMMIT,
      branch: env.BUILDKITE_BRANCH,
    });
  }
  if (env.CIRCLECI) {
    return compact({
      provider: "circleci",
      runUrl: env.CIRCLE_BUILD_URL,
      commit: env.CIRCLE_SHA1,
      branch: env.CIRCLE_BRANCH,
    });
  }
  if (env.TF_BUILD) {
    const runUrl =
      env.SYSTEM_COLLECTIONURI && env.SYSTEM_TEAMPROJECT && env.BUILD_BUILDID
        ? `${env.SYSTEM_COLLECTIONURI}${env.SYSTEM_TEAMPROJECT}/_build/results?buildId=${env.BUILD_BUILDID}`
        : undefined;
    return compact({
      provider: "azure-pipelines",
      runUrl,
      commit: env.BUILD_SOURCEVERSION,
      branch: env.BUILD_SOURCEBRANCHNAME,
    });
  }
  if (env.JENKINS_URL || env.BUILD_URL) {
    return compact({
      provider: "jenkins",
      runUrl: env.BUILD_URL,
      commit: env.GIT_COMMIT,
      branch: env.GIT_BRANCH,
    });
  }
  return compact({ provider: env.CI ? "ci" : "local", commit: env.GIT_COMMIT });
}

function compact(run: { provider: string } & Record<string, string | undefined>): CiRun {
  return Object.fromEntries(
    Object.entries(run).filter(([, value]) => value !== undefined && value !== ""),
  ) as unknown as CiRun;
}
