/**
 * Runs the command being recorded, with the terminal handed to it, and reports how it ended
 * as the exit code a shell would give: its own code, or 128 + the signal that ended it.
 * Signals sent to qaops alone (a `kill`, a CI runner stopping the job) are passed on to it.
 */
import { spawn } from "node:child_process";
import { constants } from "node:os";

export interface RecordedCommandOptions {
  command: readonly string[];
  env: NodeJS.ProcessEnv;
}

export class CommandNotStarted extends Error {
  override name = "CommandNotStarted";
  /** 127: not found; 126: found but not runnable (as shells say). */
  readonly exitCode: number;

  constructor(message: string, exitCode: number) {
    super(message);
    this.exitCode = exitCode;
  }
}

export function runRecordedCommand(options: RecordedCommandOptions): Promise<number> {
  const [program, ...args] = options.command;
  if (program === undefined) throw new CommandNotStarted("no command to run", 127);
  const child = spawn(program, args, {
    env: options.env,
    stdio: "inherit",
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, forward);
  const stopForwarding = () => {
    for (const signal of signals) process.off(signal, forward);
  };
  return new Promise((resolve, reject) => {
    child.once("error", (error: NodeJS.ErrnoException) => {
      stopForwarding();
      const notFound = error.code === "ENOENT";
      reject(
        new CommandNotStarted(
          `cannot run ${JSON.stringify(program)}: ${notFound ? "command not found" : error.message}`,
          notFound ? 127 : 126,
        ),
      );
    });
    child.once("exit", (code, signal) => {
      stopForwarding();
      resolve(code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0));
    });
  });
}
