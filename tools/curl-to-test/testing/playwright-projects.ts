/**
 * Runs generated specs with Playwright, one project per base URL, and reads back each test's
 * outcome from the JSON report.
 */
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { testOutcomes } from "../verify/playwright-run.ts";
import type { ReportSuite, TestOutcome } from "../verify/playwright-run.ts";
import { runRepositoryTool } from "./repository-tools.ts";

export type { TestOutcome } from "../verify/playwright-run.ts";

export interface SpecProject {
  name: string;
  /** Absolute, or relative to `dir`. */
  testDir: string;
  baseURL: string;
}

export interface PlaywrightProjectsRun {
  code: number;
  output: string;
  tests: TestOutcome[];
}

/**
 * Writes `dir/playwright.config.ts`: two workers, a JSON report beside it. Written before any
 * check of the folder starts, so that tsc and eslint see it too.
 */
export async function writePlaywrightConfig(options: {
  dir: string;
  projects: readonly SpecProject[];
  timeoutMs?: number;
}): Promise<string> {
  const config = join(options.dir, "playwright.config.ts");
  const projects = options.projects.map((project) => ({
    name: project.name,
    testDir: project.testDir,
    use: { baseURL: project.baseURL },
  }));
  await writeFile(
    config,
    [
      'import { defineConfig } from "@playwright/test";',
      "export default defineConfig({",
      "  workers: 2,",
      ...(options.timeoutMs === undefined ? [] : [`  timeout: ${options.timeoutMs},`]),
      '  reporter: [["json", { outputFile: "report.json" }]],',
      `  projects: ${JSON.stringify(projects)},`,
      "});",
      "",
    ].join("\n"),
  );
  return config;
}

/** `playwright test -c <config>` with `env` on top of this process's, outside CI mode. */
export async function runPlaywrightConfig(
  config: string,
  env: Record<string, string>,
): Promise<PlaywrightProjectsRun> {
  const run = await runRepositoryTool("@playwright/test/cli.js", ["test", "-c", config], {
    ...process.env,
    CI: "",
    ...env,
  });
  const report = JSON.parse(await readFile(join(dirname(config), "report.json"), "utf8")) as {
    suites: ReportSuite[];
  };
  return { ...run, tests: testOutcomes(report.suites) };
}
