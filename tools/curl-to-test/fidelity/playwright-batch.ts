/**
 * Runs the generated specs of many cases in ONE Playwright run: one project, two workers, each
 * case in its own folder named after its service. A run per case (or a project per case, which
 * starts a worker per project) costs a second or more each; one run costs a few seconds.
 *
 * Each folder's baseURL follows the contract (`<SERVICE>_BASE_URL`), set by a stand-in for the
 * `@playwright/test` package placed in `node_modules` beside the specs: it re-exports the real
 * package with `baseURL` chosen by the spec's folder. The specs' text is run as generated.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { GeneratedSpec } from "../convert-captures.ts";

export interface BatchCase {
  /** The service name the specs were generated for; names their folder and base URL var. */
  service: string;
  specs: GeneratedSpec[];
}

export interface CaseTestResults {
  passed: number;
  failed: number;
  /** First line of each failing test's error. */
  errors: string[];
}

export interface BatchOutcome {
  byService: Map<string, CaseTestResults>;
  exitCode: number | null;
  /** The runner's own output, for a failure that is not a test's (config, crash). */
  output: string;
}

/** The contract's rule: upper-cased, anything but letters and digits becomes `_`. */
export function baseUrlEnvName(service: string): string {
  return `${service.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}_BASE_URL`;
}

export async function runPlaywrightBatch(options: {
  /** A fresh folder inside the repository, so the specs resolve its node_modules. */
  directory: string;
  cases: BatchCase[];
  /** Working directory of the run: files the specs read by relative path are looked up here. */
  filesDirectory: string;
  /** `<SERVICE>_BASE_URL` for each case, and the captured secrets; nothing else is added. */
  env: Record<string, string>;
  workers: number;
  timeoutMs: number;
}): Promise<BatchOutcome> {
  const specsDirectory = join(options.directory, "specs");
  for (const batchCase of options.cases) {
    const caseDirectory = join(specsDirectory, batchCase.service);
    await mkdir(caseDirectory, { recursive: true });
    for (const spec of batchCase.specs)
      await writeFile(join(caseDirectory, spec.fileName), spec.text);
  }
  await writePlaywrightStandIn(specsDirectory);
  const reportPath = join(options.directory, "report.json");
  const configPath = join(options.directory, "playwright.config.mjs");
  await writeFile(
    configPath,
    `export default ${JSON.stringify(
      {
        testDir: specsDirectory,
        outputDir: join(options.directory, "test-results"),
        workers: options.workers,
        fullyParallel: true,
        retries: 0,
        timeout: 15_000,
        reporter: [["json", { outputFile: reportPath }]],
      },
      null,
      2,
    )};\n`,
  );

  const cli = fileURLToPath(import.meta.resolve("@playwright/test/cli"));
  const run = await runCommand({
    command: process.execPath,
    args: [cli, "test", "--config", configPath],
    cwd: options.filesDirectory,
    env: { ...inheritedEnv(), ...options.env },
    timeoutMs: options.timeoutMs,
  });
  const report = await readFile(reportPath, "utf8").catch(() => "");
  return { byService: resultsByService(report), exitCode: run.exitCode, output: run.output };
}

async function writePlaywrightStandIn(specsDirectory: string): Promise<void> {
  const directory = join(specsDirectory, "node_modules", "@playwright", "test");
  await mkdir(directory, { recursive: true });
  const realPackage = import.meta.resolve("@playwright/test");
  await writeFile(
    join(directory, "package.json"),
    JSON.stringify({ name: "@playwright/test", type: "module", exports: { ".": "./index.mjs" } }),
  );
  await writeFile(
    join(directory, "index.mjs"),
    [
      "// Stand-in written by the fidelity check: the real package, with baseURL per case folder.",
      `import { test as base } from ${JSON.stringify(realPackage)};`,
      'import { relative, sep } from "node:path";',
      `export * from ${JSON.stringify(realPackage)};`,
      `const specsDirectory = ${JSON.stringify(specsDirectory)};`,
      "export const test = base.extend({",
      "  baseURL: async ({}, use, testInfo) => {",
      "    const service = relative(specsDirectory, testInfo.file).split(sep)[0];",
      `    const name = service.toUpperCase().replace(/[^A-Z0-9]+/g, "_") + "_BASE_URL";`,
      "    await use(process.env[name]);",
      "  },",
      "});",
      "",
    ].join("\n"),
  );
}

/** The run's environment: the machine's basics, never the caller's other variables. */
function inheritedEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of ["PATH", "HOME", "TMPDIR", "LANG"]) {
    const value = process.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

interface JsonReportSuite {
  file?: string;
  specs?: {
    file?: string;
    tests?: { results?: { status?: string; error?: { message?: string } }[] }[];
  }[];
  suites?: JsonReportSuite[];
}

function resultsByService(reportText: string): Map<string, CaseTestResults> {
  const byService = new Map<string, CaseTestResults>();
  if (reportText === "") return byService;
  const report = JSON.parse(reportText) as { suites?: JsonReportSuite[] };
  const visit = (suite: JsonReportSuite) => {
    for (const spec of suite.specs ?? []) {
      const file = spec.file ?? suite.file ?? "";
      // The report names files relative to testDir: `<service>/<spec file>`.
      const service = file.split(/[\\/]/)[0] ?? "";
      const results = byService.get(service) ?? { passed: 0, failed: 0, errors: [] };
      for (const test of spec.tests ?? []) {
        const last = test.results?.at(-1);
        if (last?.status === "passed") results.passed++;
        else {
          results.failed++;
          const message = last?.error?.message ?? last?.status ?? "did not run";
          results.errors.push(stripAnsi(message).split("\n")[0] ?? "");
        }
      }
      byService.set(service, results);
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  return byService;
}

function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- ANSI colour codes start with ESC.
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

function runCommand(options: {
  command: string;
  args: string[];
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
}): Promise<{ exitCode: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
      timeout: options.timeoutMs,
      killSignal: "SIGKILL",
    });
    let output = "";
    const collect = (chunk: Buffer) => {
      if (output.length < 20_000) output += chunk.toString("utf8");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("close", (code) => resolve({ exitCode: code, output }));
    child.on("error", (error) => resolve({ exitCode: -1, output: error.message }));
  });
}
