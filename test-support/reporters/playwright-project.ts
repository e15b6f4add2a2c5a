import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { runCommand } from "../run-command.ts";
import type { CommandResult } from "../run-command.ts";

const repositoryRoot = fileURLToPath(new URL("../../", import.meta.url));
const playwrightCli = path.join(repositoryRoot, "node_modules", "@playwright", "test", "cli.js");

/** Absolute paths of the reporters, for inline configs. */
export const reporterPaths = {
  jira: fileURLToPath(new URL("../../src/reporters/jira.ts", import.meta.url)),
  slack: fileURLToPath(new URL("../../src/reporters/slack.ts", import.meta.url)),
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
    return runCommand(process.execPath, [playwrightCli, ...args], {
      cwd: this.dir,
      env: withoutReporterEnv(env),
    });
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Reporter env a developer may have set must not leak into a test's runs. */
const reporterEnv = /^(JIRA_|SLACK_|QAOPS_|CI$|GITHUB_|PLAYWRIGHT_|PW_)/;

/** This process's env without any reporter setting, without colours, and `env` on top. */
export function withoutReporterEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !reporterEnv.test(name));
  return { ...Object.fromEntries(inherited), FORCE_COLOR: "0", ...env };
}
