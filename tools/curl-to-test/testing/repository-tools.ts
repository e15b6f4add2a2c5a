/**
 * The repository's own tsc, eslint and Playwright, run on generated code written inside the
 * repository, so that it resolves `@playwright/test`, zod and tests/perf/lib from there.
 */
import { execFile } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));

/** A folder for one test process's generated files, under `.qaops/` (ignored by git). */
export function repositoryWorkDir(name: string): string {
  return join(repositoryRoot, ".qaops", "tmp", `${name}-${process.pid}`);
}

export interface ToolRun {
  code: number;
  /** stdout and stderr together, for assertion messages. */
  output: string;
}

/** Runs a script from node_modules with the repository as working folder; never rejects. */
export function runRepositoryTool(
  script: string,
  args: readonly string[],
  env: Record<string, string | undefined> = process.env,
): Promise<ToolRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repositoryRoot, "node_modules", script), ...args],
      { cwd: repositoryRoot, env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? Number((error as { code?: unknown }).code ?? 1) : 0;
        resolve({ code: Number.isInteger(code) ? code : 1, output: stdout + stderr });
      },
    );
  });
}

/**
 * `tsc` on the generated files of `dir` that `include` names (relative to it), with the
 * repository's options: writes `dir/tsconfig.json` extending the repository's, then runs it.
 */
export async function typeCheck(
  dir: string,
  include: readonly string[] = ["**/*.ts"],
): Promise<ToolRun> {
  const extendsPath = relative(dir, join(repositoryRoot, "tsconfig.json"));
  await writeFile(
    join(dir, "tsconfig.json"),
    JSON.stringify({ extends: extendsPath, include, exclude: [] }),
  );
  return runRepositoryTool("typescript/bin/tsc", ["-p", dir]);
}

/** eslint with the repository's config, on paths it would otherwise ignore. */
export function lint(paths: readonly string[]): Promise<ToolRun> {
  return runRepositoryTool("eslint/bin/eslint.js", ["--no-ignore", "--max-warnings=0", ...paths]);
}
