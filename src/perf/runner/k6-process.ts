import { spawn, spawnSync } from "node:child_process";
import { constants, mkdtempSync, rmSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import type { MetricPoint } from "../metrics/metric-point.ts";
import { parseK6JsonLine } from "../metrics/metric-point.ts";

export interface K6ProcessOptions {
  k6Path: string;
  scriptPath: string;
  /** Extra `k6 run` arguments (the user's passthrough), placed before the script. */
  args: string[];
  env: NodeJS.ProcessEnv;
  /** Each metric sample as k6 streams it. */
  onPoint(point: MetricPoint): void;
  /** Where k6's own stdout (banner, summary) goes; its stderr always reaches the terminal. */
  stdout?: "inherit" | "ignore";
}

/**
 * `k6 run` writing its JSON metric stream into a named pipe that is read line by line as the run
 * goes: no multi-gigabyte file for an overnight soak, and nothing mixed into the banner, logs and
 * summary that k6 prints straight to the terminal. k6 runs in its own process group and each
 * Ctrl-C or SIGTERM is passed on exactly once (a terminal's Ctrl-C would otherwise reach it twice,
 * and k6 takes a second one as "abort now, skip the summary"). Resolves with k6's exit code.
 */
export async function runK6Process(options: K6ProcessOptions): Promise<number> {
  const fifoDir = mkdtempSync(join(tmpdir(), "qaops-k6-"));
  const fifo = join(fifoDir, "metrics.jsonl");
  try {
    const made = spawnSync("mkfifo", [fifo]);
    if (made.status !== 0) {
      throw new Error(`could not create a named pipe for k6's metrics (mkfifo ${fifo})`);
    }
    const metricsRead = readMetrics(fifo, (point) => options.onPoint(point));
    const exitCode = await runK6(options, fifo);
    await unblockReader(fifo, metricsRead);
    await metricsRead.done;
    return exitCode;
  } finally {
    rmSync(fifoDir, { recursive: true, force: true });
  }
}

interface MetricsReader {
  /** Whether k6 ever opened the pipe for writing. */
  opened(): boolean;
  done: Promise<void>;
}

function readMetrics(fifo: string, onPoint: (point: MetricPoint) => void): MetricsReader {
  let opened = false;
  // Opening a named pipe for reading waits until a writer opens it; that happens when k6 starts
  // its outputs, or in unblockReader when k6 ended without getting that far.
  const done = open(fifo, constants.O_RDONLY).then(async (handle) => {
    opened = true;
    const lines = createInterface({
      input: handle.createReadStream(),
      crlfDelay: Infinity,
    });
    for await (const line of lines) {
      const point = parseK6JsonLine(line);
      if (point) onPoint(point);
    }
  });
  return { opened: () => opened, done };
}

/** k6 may end (bad script, bad option) before opening the pipe: open and close it ourselves. */
async function unblockReader(fifo: string, reader: MetricsReader): Promise<void> {
  if (reader.opened()) return;
  try {
    const writer = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
    await writer.close();
  } catch {
    // ENXIO: no reader waiting any more, so nothing to unblock.
  }
}

function runK6(options: K6ProcessOptions, fifo: string): Promise<number> {
  const args = [
    "run",
    "--out",
    `json=${fifo}`,
    // Offline by design: no usage report, and no REST API port to collide with other runs.
    "--no-usage-report",
    "--address",
    "",
    ...options.args,
    options.scriptPath,
  ];
  const child = spawn(options.k6Path, args, {
    env: options.env,
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
      resolve(code ?? (signal ? 128 + signalNumber(signal) : 1));
    });
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return signal === "SIGINT" ? 2 : signal === "SIGKILL" ? 9 : 15;
}
