/**
 * Lets bash itself read a pasted bash script (quoting, `$'…'`, heredocs, redirects, pipes), with
 * `curl` replaced by a function that records each call's arguments and standard input instead
 * of sending anything. The recorded calls are then sent by the real curl with safety options
 * added (see send-with-curl.ts). Variables the script does not set are errors (`set -u`): their
 * values are not in the capture. The script runs: only trusted fixtures go through here.
 */
import { spawn } from "node:child_process";
import { mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";

export interface CurlInvocation {
  args: string[];
  stdin: Buffer;
  /** Line of the script the call was made from. */
  line: number;
}

export interface ShellReading {
  invocations: CurlInvocation[];
  /** What bash printed on stderr (syntax errors, missing redirect files). */
  stderr: string;
  timedOut: boolean;
}

const recorderFunction = `curl() {
  local call
  call=$(mktemp "$QAOPS_CURL_CALLS/call-XXXXXXXX") || return 1
  printf '%s' "\${BASH_LINENO[0]}" > "$call.line"
  printf '%s\\0' "$@" > "$call.args"
  cat > "$call.stdin"
}`;

export async function readShellCurlInvocations(options: {
  scriptText: string;
  /** The script's working directory: files it reads by relative path are looked up here. */
  workDirectory: string;
  /** Where the recorder writes; must not be inside workDirectory. */
  callsDirectory: string;
  timeoutMs: number;
}): Promise<ShellReading> {
  await mkdir(options.callsDirectory, { recursive: true });
  const scriptPath = join(options.callsDirectory, "capture.sh");
  await writeFile(scriptPath, options.scriptText);
  const { stderr, timedOut } = await runBash({
    // set -u: a variable the capture does not define stops its command instead of expanding
    // to nothing, since its value is not part of the capture. The shell is interactive (-i) so
    // that such an error stops that command only, not the rest of the script; +H turns off the
    // history expansion interactive shells would otherwise apply to `!`.
    program: `${recorderFunction}\nset +H -u\n. "$1"`,
    scriptPath,
    workDirectory: options.workDirectory,
    callsDirectory: options.callsDirectory,
    timeoutMs: options.timeoutMs,
  });

  const invocations: CurlInvocation[] = [];
  const calls = (await readdir(options.callsDirectory))
    .filter((name) => name.endsWith(".args"))
    .map((name) => name.slice(0, -".args".length));
  for (const call of calls) {
    const base = join(options.callsDirectory, call);
    const args = (await readFile(`${base}.args`, "utf8")).split("\0").slice(0, -1);
    const stdin = await readFile(`${base}.stdin`).catch(() => Buffer.alloc(0));
    const line = Number(await readFile(`${base}.line`, "utf8").catch(() => "0"));
    invocations.push({ args, stdin, line });
  }
  // Calls in one pipeline run at once, so ties keep a stable, content-based order.
  invocations.sort((a, b) => a.line - b.line || compareText(a.args.join("\0"), b.args.join("\0")));
  return { invocations, stderr, timedOut };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function runBash(options: {
  program: string;
  scriptPath: string;
  workDirectory: string;
  callsDirectory: string;
  timeoutMs: number;
}): Promise<{ stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(
      "bash",
      ["--noprofile", "--norc", "-i", "-c", options.program, "bash", options.scriptPath],
      {
        cwd: options.workDirectory,
        // A clean environment: no proxies, no credentials; unset variables expand to nothing.
        env: {
          PATH: "/usr/bin:/bin",
          HOME: options.workDirectory,
          LANG: "C.UTF-8",
          HISTFILE: "/dev/null",
          QAOPS_CURL_CALLS: options.callsDirectory,
        },
        stdio: ["ignore", "ignore", "pipe"],
        timeout: options.timeoutMs,
        killSignal: "SIGKILL",
      },
    );
    let stderr = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      if (stderr.length < 10_000) stderr += chunk;
    });
    child.on("close", (_code, signal) => {
      // An interactive shell without a terminal says so; that is not an error of the script.
      const errors = stderr
        .split("\n")
        .filter(
          (line) => !/no job control in this shell|cannot set terminal process group/.test(line),
        )
        .join("\n");
      resolve({ stderr: errors, timedOut: signal === "SIGKILL" });
    });
    child.on("error", (error) => resolve({ stderr: error.message, timedOut: false }));
  });
}
