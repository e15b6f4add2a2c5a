/**
 * One Playwright run of a folder of specs against a base URL, read back from the JSON report:
 * each test's status and, when it failed, its errors with the line of the spec they point at.
 * Playwright is this installation's own (`@playwright/test` beside qaops).
 */
import { execFile } from "node:child_process";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface TestError {
  message: string;
  /** The line of the spec file the error points at, when it does. */
  line?: number;
}

export interface TestOutcome {
  project: string;
  /** The spec's file name, without its folders. */
  file: string;
  title: string;
  /** The last attempt's status; undefined when the test did not run. */
  status: string | undefined;
  errors: TestError[];
}

interface ReportError {
  message?: string;
  stack?: string;
  location?: { file: string; line: number };
}

export interface ReportSuite {
  title?: string;
  suites?: ReportSuite[];
  specs?: {
    title: string;
    tests: { projectName: string; results: { status: string; errors?: ReportError[] }[] }[];
  }[];
}

// Playwright colours its messages; the report keeps the escapes.
// eslint-disable-next-line no-control-regex
const ansiEscape = /\u001b\[[0-9;]*m/g;

const codeFrameLine = /\n\s*>?\s*\d+ \|/;

const installRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** Runs the specs of `testDir` once; never rejects on failing tests, only on a broken run. */
export async function runSpecsOnce(options: {
  testDir: string;
  baseURL: string;
  /** Env vars the specs read (the capture's secrets); never printed. */
  env: Readonly<Record<string, string>>;
  timeoutMs?: number;
}): Promise<TestOutcome[]> {
  const dir = join(installRoot, ".qaops", "tmp", `verify-${process.pid}`);
  await mkdir(dir, { recursive: true });
  try {
    const config = join(dir, "playwright.config.ts");
    const project = { name: "verify", testDir: options.testDir, use: { baseURL: options.baseURL } };
    await writeFile(
      config,
      [
        'import { defineConfig } from "@playwright/test";',
        "export default defineConfig({",
        "  workers: 2,",
        "  fullyParallel: true,",
        `  timeout: ${options.timeoutMs ?? 30_000},`,
        '  reporter: [["json", { outputFile: "report.json" }]],',
        `  projects: [${JSON.stringify(project)}],`,
        "});",
        "",
      ].join("\n"),
    );
    const cli = createRequire(import.meta.url).resolve("@playwright/test/cli");
    await new Promise<void>((resolve) => {
      execFile(
        process.execPath,
        [cli, "test", "-c", config],
        { cwd: installRoot, env: { ...process.env, CI: "", ...options.env }, maxBuffer: 64 << 20 },
        () => resolve(),
      );
    });
    const report = await readFile(join(dir, "report.json"), "utf8").catch(() => null);
    if (report === null) {
      throw new Error(
        "Playwright wrote no report: run the specs with npx playwright test to see why",
      );
    }
    const parsed = JSON.parse(report) as { suites: ReportSuite[]; errors?: ReportError[] };
    const outcomes = testOutcomes(parsed.suites);
    const [loadError] = parsed.errors ?? [];
    if (outcomes.length === 0 && loadError) {
      const first = (loadError.message ?? "").replace(ansiEscape, "").split("\n")[0];
      throw new Error(`Playwright could not load the specs in ${options.testDir}: ${first}`);
    }
    return outcomes;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The error's message and the spec line it points at: its location when that is in the spec,
 * else the first frame of its stack in the spec (an error thrown inside zod is located there).
 */
function errorInSpec(error: ReportError, file: string): TestError {
  // Without the code frame some reports append: its lines are the spec's, not the failure's.
  const message = (error.message ?? "").replace(ansiEscape, "").split(codeFrameLine)[0]!;
  if (error.location?.file.endsWith(file)) return { message, line: error.location.line };
  for (const match of (error.stack ?? "").matchAll(/([^\s(]+):(\d+):\d+/g)) {
    if (match[1]!.endsWith(`/${file}`)) return { message, line: Number(match[2]) };
  }
  return { message };
}

/** Every test of a JSON report, with its last attempt's status and errors. */
export function testOutcomes(fileSuites: readonly ReportSuite[]): TestOutcome[] {
  const found: TestOutcome[] = [];
  const walk = (suite: ReportSuite, file: string): void => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const last = test.results.at(-1);
        found.push({
          project: test.projectName,
          file,
          title: spec.title,
          status: last?.status,
          errors: (last?.errors ?? []).map((error) => errorInSpec(error, file)),
        });
      }
    }
    for (const child of suite.suites ?? []) walk(child, file);
  };
  for (const suite of fileSuites) walk(suite, (suite.title ?? "").split("/").at(-1) ?? "");
  return found;
}
