import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { cpus } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Artillery's CLI entry from this checkout's `node_modules` (never a global install). */
export function artilleryBin(): string {
  const packageJson = createRequire(import.meta.url).resolve("artillery/package.json");
  return join(dirname(packageJson), "bin", "run");
}

/**
 * How many worker threads Artillery splits a local run over: one per core but one, at least one
 * (its own rule; it has no setting for it). Each sends its share of every phase.
 */
export function localWorkerCount(): number {
  return Math.max(1, cpus().length - 1);
}

/** Records each phase's start in the results folder (an Artillery custom reporter). */
const phaseRecorder = fileURLToPath(new URL("./phase-recorder.ts", import.meta.url));

/**
 * What Artillery runs with under qaops: telemetry off, always (the user's environment cannot turn
 * it back on), and the phase recorder beside the console reporter.
 */
export function artilleryEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, ARTILLERY_DISABLE_TELEMETRY: "true", CUSTOM_REPORTERS: phaseRecorder };
}

export interface ArtilleryRunOptions {
  /** `run` (local workers), or a cloud runner with its options (`run-fargate --count 4 …`). */
  command?: string[];
  scriptPath: string;
  /** Where `--output` writes the JSON report. */
  outputPath: string;
  /** Extra `artillery run` arguments (the user's passthrough), placed before the script. */
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd?: string;
  /** Where Artillery's own stdout (progress, summary) goes; its stderr always reaches the terminal. */
  stdout?: "inherit" | "ignore";
}

/** `artillery run` as Node runs it; the argument list, for tests and for the docs' examples. */
export function artilleryRunArgs(
  options: Pick<ArtilleryRunOptions, "command" | "scriptPath" | "outputPath" | "args">,
): string[] {
  return [
    artilleryBin(),
    ...(options.command ?? ["run"]),
    "--output",
    options.outputPath,
    ...options.args,
    options.scriptPath,
  ];
}

/**
 * Runs Artillery in its own process group; each Ctrl-C or SIGTERM is passed on exactly once, so
 * it ends its phases and still writes its report. Resolves with its exit code.
 */
export function runArtillery(options: ArtilleryRunOptions): Promise<number> {
  const child = spawn(process.execPath, artilleryRunArgs(options), {
    env: artilleryEnv(options.env),
    ...(options.cwd ? { cwd: options.cwd } : {}),
    stdio: ["ignore", options.stdout ?? "inherit", "inherit"],
    detached: true,
  });
  const killOnExit = () => child.kill("SIGKILL");
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.once("exit", killOnExit);
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  const detach = () => {
    process.off("exit", killOnExit);
    process.off("SIGINT", forward);
    process.off("SIGTERM", forward);
  };
  return new Promise((resolve, reject) => {
    child.once("error", (error) => {
      detach();
      reject(error);
    });
    child.once("close", (code, signal) => {
      detach();
      resolve(code ?? (signal === "SIGINT" ? 130 : 143));
    });
  });
}
