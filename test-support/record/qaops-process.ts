/**
 * `qaops` running in a process of its own that a test can talk to while it runs: wait for a
 * line on its stderr, send it signals, then collect how it ended.
 */
import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

const qaopsEntry = fileURLToPath(new URL("../../bin/qaops.js", import.meta.url));

export interface QaopsProcess {
  child: ChildProcess;
  /** Resolves with the first match of `pattern` in stderr; rejects if the process ends first. */
  stderrMatch(pattern: RegExp): Promise<RegExpMatchArray>;
  ended: Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>;
}

export function startQaops(
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): QaopsProcess {
  const child = spawn(process.execPath, [qaopsEntry, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiting = new Set<() => void>();
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const check of waiting) check();
  });
  // A hung recording fails its test instead of hanging the suite.
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
  const ended = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) => {
    child.once("close", (code, signal) => {
      clearTimeout(timer);
      for (const check of waiting) check();
      resolve({ code, signal, stdout, stderr });
    });
  });
  const stderrMatch = (pattern: RegExp) =>
    new Promise<RegExpMatchArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stderr);
        if (match) {
          waiting.delete(check);
          resolve(match);
        } else if (child.exitCode !== null || child.signalCode !== null) {
          waiting.delete(check);
          reject(new Error(`qaops ended before printing ${pattern}:\n${stderr}`));
        }
      };
      waiting.add(check);
      check();
    });
  return { child, stderrMatch, ended };
}
