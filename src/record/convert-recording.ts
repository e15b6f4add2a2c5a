/**
 * `--convert`: the capture goes through `qaops convert` exactly as a user would run it, in a
 * process of its own, so every convert flag, message and exit code means what it means there.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const qaopsEntry = fileURLToPath(new URL("../../bin/qaops.js", import.meta.url));

export interface ConvertRecordingOptions {
  harPath: string;
  service: string;
  out?: string;
  /** Passed on as convert's own options of the same names. */
  verify?: string;
  record?: string;
}

export function convertArguments(options: ConvertRecordingOptions): string[] {
  return [
    "convert",
    options.harPath,
    "--service",
    options.service,
    ...(options.out ? ["--out", options.out] : []),
    ...(options.record ? ["--record", options.record] : []),
    ...(options.verify ? ["--verify", options.verify] : []),
  ];
}

/** Runs `qaops convert` on the capture, its output on this terminal; resolves with its exit code. */
export function convertRecording(
  options: ConvertRecordingOptions,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  const child = spawn(process.execPath, [qaopsEntry, ...convertArguments(options)], {
    env,
    stdio: "inherit",
  });
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => resolve(code ?? 1));
  });
}
