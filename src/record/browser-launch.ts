/**
 * `--browser`: a Chromium-family browser, in a fresh profile, sending everything through the
 * proxy and trusting the recording CA by its public-key hash, so nothing is installed in a
 * trust store. Loopback is proxied too (Chromium bypasses it by default).
 */
import { spawn } from "node:child_process";
import { access, constants, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { delimiter, isAbsolute, join } from "node:path";

/** Looked up on PATH, in this order, when `--browser` names no executable. */
const browserCandidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

export interface BrowserLaunchOptions {
  proxyUrl: string;
  spkiHash: string;
  profileFolder: string;
  startUrl?: string;
  runAsRoot?: boolean;
  /** Extra switches, e.g. `--headless` for a check without a display. */
  extraArgs?: readonly string[];
}

export function browserArguments(options: BrowserLaunchOptions): string[] {
  return [
    `--proxy-server=${options.proxyUrl}`,
    "--proxy-bypass-list=<-loopback>",
    `--ignore-certificate-errors-spki-list=${options.spkiHash}`,
    `--user-data-dir=${options.profileFolder}`,
    "--no-first-run",
    "--no-default-browser-check",
    // The browser's own update checks and pings are nobody's test; keep them out of the capture.
    "--disable-background-networking",
    "--disable-component-update",
    // Chromium refuses to start as root (containers, CI) unless its sandbox is off.
    ...(options.runAsRoot ? ["--no-sandbox"] : []),
    ...(options.extraArgs ?? []),
    options.startUrl ?? "about:blank",
  ];
}

/** The executable: the path given, or the first candidate found on PATH. */
export async function findBrowser(given: string, env: NodeJS.ProcessEnv): Promise<string> {
  if (given !== "") {
    if (isAbsolute(given) || given.includes("/")) {
      if (await isExecutable(given)) return given;
      throw new Error(`--browser ${given}: no executable file there`);
    }
    const found = await onPath(given, env);
    if (found) return found;
    throw new Error(`--browser ${given}: not found on PATH`);
  }
  for (const candidate of browserCandidates) {
    const found = await onPath(candidate, env);
    if (found) return found;
  }
  throw new Error(
    `--browser: none of ${browserCandidates.join(", ")} is on PATH; install one (Debian: apt install chromium) or pass its path: --browser /path/to/chrome`,
  );
}

/** Runs the browser until it exits; its throwaway profile is removed afterwards. */
export async function runBrowser(
  executable: string,
  options: Omit<BrowserLaunchOptions, "profileFolder" | "runAsRoot">,
): Promise<number> {
  const profileFolder = await mkdtemp(join(tmpdir(), "qaops-browser-"));
  try {
    const runAsRoot = process.getuid?.() === 0;
    const child = spawn(executable, browserArguments({ ...options, profileFolder, runAsRoot }), {
      stdio: "ignore",
    });
    const stop = () => child.kill("SIGTERM");
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
    return await new Promise<number>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (code) => {
        process.off("SIGINT", stop);
        process.off("SIGTERM", stop);
        resolve(code ?? 0);
      });
    });
  } finally {
    await rm(profileFolder, { recursive: true, force: true });
  }
}

async function onPath(name: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  for (const folder of (env.PATH ?? "").split(delimiter)) {
    if (folder === "") continue;
    const candidate = join(folder, name);
    if (await isExecutable(candidate)) return candidate;
  }
  return undefined;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
