/**
 * Sends one recorded curl call with the real curl binary, every connection redirected to the
 * loopback recording server whatever host the capture named, so no other network is reached.
 */
import { spawn } from "node:child_process";
import type { CurlInvocation } from "./shell-curl-invocations.ts";

export const curlBinary = "/usr/bin/curl";

export interface CurlOutcome {
  /** curl's exit code; null when it was killed for running too long. */
  exitCode: number | null;
  stderr: string;
}

/**
 * Added to every transfer group (options reset at each `--next`), after the capture's own
 * options so that they win: connect to the recording server, never through a proxy, only over
 * http(s), accept its throwaway certificate, give up after `maxTimeSeconds`.
 */
function safetyOptions(port: number, maxTimeSeconds: number): string[] {
  return [
    "--connect-to",
    `::127.0.0.1:${port}`,
    "--noproxy",
    "*",
    "--proto",
    "=http,https",
    "--proto-redir",
    "=http,https",
    "--insecure",
    "--max-time",
    String(maxTimeSeconds),
  ];
}

export function curlArguments(args: string[], port: number, maxTimeSeconds: number): string[] {
  const safety = safetyOptions(port, maxTimeSeconds);
  // -q must come first: it stops curl from reading a .curlrc.
  const result = ["-q"];
  for (const arg of args) {
    if (arg === "--next" || arg === "-:") result.push(...safety);
    result.push(arg);
  }
  result.push(...safety);
  return result;
}

export function sendWithCurl(options: {
  invocation: CurlInvocation;
  port: number;
  workDirectory: string;
  maxTimeSeconds: number;
}): Promise<CurlOutcome> {
  const args = curlArguments(options.invocation.args, options.port, options.maxTimeSeconds);
  return new Promise((resolve) => {
    const child = spawn(curlBinary, args, {
      cwd: options.workDirectory,
      env: { PATH: "/usr/bin:/bin", HOME: options.workDirectory },
      stdio: ["pipe", "ignore", "pipe"],
      timeout: (options.maxTimeSeconds + 5) * 1000,
      killSignal: "SIGKILL",
    });
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < 4_000) stderr += chunk;
    });
    child.stdin.on("error", () => {});
    child.stdin.end(options.invocation.stdin);
    child.on("close", (code) => resolve({ exitCode: code, stderr: stderr.trim() }));
    child.on("error", (error) => resolve({ exitCode: -1, stderr: error.message }));
  });
}
