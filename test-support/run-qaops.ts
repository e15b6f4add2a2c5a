import { fileURLToPath } from "node:url";
import { runCommand } from "./run-command.ts";
import type { CommandResult } from "./run-command.ts";

const qaopsEntry = fileURLToPath(new URL("../bin/qaops.js", import.meta.url));

/** `qaops <args>` as a user runs it, in a process of its own; `env` is all it sees. */
export function runQaops(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number },
): Promise<CommandResult> {
  return runCommand(process.execPath, [qaopsEntry, ...args], options);
}
