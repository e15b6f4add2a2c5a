/**
 * `qaops record` as a pipeline: start the recording session, say where it writes and what that
 * file holds, record until the proxy is stopped / the command exits / the browser closes, stop
 * (every exchange is already on disk), and sum up.
 */
import { mkdir } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import packageJson from "../../package.json" with { type: "json" };
import { findBrowser, runBrowser } from "./browser-launch.ts";
import { loadOrCreateCertificateAuthority } from "./certificate-authority.ts";
import { qaopsConfigFolder } from "./config-folder.ts";
import type { HostPatterns } from "./host-patterns.ts";
import { proxyEnvironment } from "./proxy-environment.ts";
import { runRecordedCommand } from "./recorded-command.ts";
import { defaultHarName, endLine, startLines } from "./recording-messages.ts";
import { startRecordingSession } from "./recording-session.ts";
import type { RecordingSession } from "./recording-session.ts";
import { trustInstructions } from "./trust-instructions.ts";

export type RecordMode =
  /** Until `untilStopped` resolves (Ctrl-C). */
  | { kind: "proxy"; untilStopped: () => Promise<unknown> }
  | { kind: "command"; command: readonly string[] }
  /** `executable` "" finds Chromium on PATH. */
  | { kind: "browser"; executable: string; startUrl?: string | undefined };

export interface RecordTrafficOptions {
  env: NodeJS.ProcessEnv;
  port: number;
  out?: string;
  hosts: HostPatterns;
  mode: RecordMode;
  print: (line: string) => void;
  /** The live count by host and status, after each exchange. */
  onProgress?: (line: string) => void;
  /** Recording has ended; called before the summary is printed. */
  onStop?: () => void;
}

export interface RecordTrafficResult {
  harPath: string;
  /** The recorded command's (or browser's) exit code; 0 in proxy mode. */
  commandExitCode: number;
}

export async function recordTraffic(options: RecordTrafficOptions): Promise<RecordTrafficResult> {
  const harPath = options.out ?? defaultHarName(new Date());
  await mkdir(dirname(resolve(harPath)), { recursive: true });
  const mode = options.mode;
  // Before anything starts: a missing browser is a mistake to report, not a recording to stop.
  const browser = mode.kind === "browser" ? await findBrowser(mode.executable, options.env) : "";
  const session = await startRecordingSession({
    env: options.env,
    port: options.port,
    harPath,
    hosts: options.hosts,
    creatorVersion: packageJson.version,
    onEvent: (_event, tally) => options.onProgress?.(tally.liveLine()),
  });
  const lines = startLines({
    proxyUrl: session.proxy.url,
    harPath,
    certPath: session.ca.certPath,
    caCreated: session.ca.created,
    hostPatterns: options.hosts.patterns,
    mode: mode.kind,
  });
  for (const line of lines) options.print(line);
  let commandExitCode: number;
  try {
    commandExitCode = await recordUntilDone(session, mode, browser, options.env);
  } finally {
    options.onStop?.();
    await session.stop();
    options.print(endLine(session.tally.summary(), harPath));
  }
  return { harPath, commandExitCode };
}

async function recordUntilDone(
  session: RecordingSession,
  mode: RecordMode,
  browser: string,
  env: NodeJS.ProcessEnv,
): Promise<number> {
  switch (mode.kind) {
    case "proxy":
      await mode.untilStopped();
      return 0;
    case "command":
      return runRecordedCommand({
        command: mode.command,
        env: proxyEnvironment(env, {
          proxyUrl: session.proxy.url,
          caBundlePath: session.caBundlePath,
        }),
      });
    case "browser":
      return runBrowser(browser, {
        proxyUrl: session.proxy.url,
        spkiHash: session.ca.spkiHash,
        ...(mode.startUrl ? { startUrl: mode.startUrl } : {}),
      });
  }
}

/** `qaops record ca`: makes the CA when there is none yet, and says how to trust it. */
export async function printTrustInstructions(env: NodeJS.ProcessEnv): Promise<string[]> {
  return trustInstructions(await loadOrCreateCertificateAuthority(qaopsConfigFolder(env)));
}
