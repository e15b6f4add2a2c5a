import { spawn } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const playwrightCli = path.join(repositoryRoot, "node_modules", "@playwright", "test", "cli.js");

/** Absolute paths of the reporters, for inline configs. */
export const reporterPaths = {
  jira: fileURLToPath(new URL("../jira.ts", import.meta.url)),
  slack: fileURLToPath(new URL("../slack.ts", import.meta.url)),
};

/**
 * A throwaway Playwright project inside the repository (under `.qaops/`, ignored by git) so its
 * specs resolve `@playwright/test` from the repository's node_modules.
 */
export class InlineProject {
  readonly dir: string;

  private constructor(dir: string) {
    this.dir = dir;
  }

  static async create(files: Record<string, string>): Promise<InlineProject> {
    const parent = path.join(repositoryRoot, ".qaops", "test-projects");
    await mkdir(parent, { recursive: true });
    const project = new InlineProject(await mkdtemp(path.join(parent, "run-")));
    for (const [name, content] of Object.entries(files)) await project.write(name, content);
    return project;
  }

  async write(name: string, content: string): Promise<void> {
    const file = path.join(this.dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }

  path(...parts: string[]): string {
    return path.join(this.dir, ...parts);
  }

  /** `playwright <args>` in the project folder, with only the given env on top of a clean one. */
  run(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
    return runCommand(process.execPath, [playwrightCli, ...args], { cwd: this.dir, env });
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Reporter env a developer may have set must not leak into a test's runs. */
const reporterEnv = /^(JIRA_|SLACK_|QAOPS_|CI$|GITHUB_|PLAYWRIGHT_|PW_)/;

export function runCommand(
  command: string,
  args: string[],
  options: { cwd: string; env: Record<string, string>; timeoutMs?: number },
): Promise<CommandResult> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !reporterEnv.test(name)),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...env, FORCE_COLOR: "0", ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
    child.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export { repositoryRoot };
