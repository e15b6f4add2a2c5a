import { mkdir } from "node:fs/promises";
import { conversionPlanVersion } from "../plan/conversion-plan.ts";
import { extname, join } from "node:path";
import { convertCaptures } from "../convert-captures.ts";
import type { ConversionResult } from "../convert-captures.ts";
import { readCaptures } from "../intake/read-captures.ts";
import { filesRead, provideFiles } from "./case-files.ts";
import type { FidelityCaseInput } from "./fidelity-check.ts";
import { readHarCurlInvocations } from "./har-curl-invocations.ts";
import { playBack } from "./play-back.ts";
import { startRecordingServer } from "./recording-server.ts";
import type { RecordedRequest, RecordingServer } from "./recording-server.ts";
import { sendWithCurl } from "./send-with-curl.ts";
import { readShellCurlInvocations } from "./shell-curl-invocations.ts";
import type { CurlInvocation } from "./shell-curl-invocations.ts";

/** A case whose curl calls have been sent and whose capture has been converted. */
export interface PreparedCase {
  input: FidelityCaseInput;
  service: string;
  curlServer: RecordingServer;
  testServer: RecordingServer;
  conversion: ConversionResult;
  curlProblems: string[];
  /** The line of the command each curl request came from; none for HAR (warnings pool). */
  requestLines: Map<RecordedRequest, number>;
  /** HAR entries left out by scope rules, against the converter's reported skip count. */
  scopeMismatch: string | undefined;
}

/** How curl's reference reading of a capture goes: its calls, and what kept it from any. */
interface ReferenceCalls {
  invocations: CurlInvocation[];
  curlProblems: string[];
  scopeMismatch: string | undefined;
}

interface CaseFolders {
  caseDirectory: string;
  curlDirectory: string;
  filesDirectory: string;
}

const curlMaxTimeSeconds = 5;
const shellTimeoutMs = 10_000;

export async function prepareCase(options: {
  input: FidelityCaseInput;
  workDirectory: string;
  filesDirectory: string;
  tls: { key: string; cert: string } | undefined;
  servers: RecordingServer[];
}): Promise<PreparedCase> {
  const { input } = options;
  const service = serviceNameFor(input.id);
  const caseDirectory = join(options.workDirectory, "cases", service);
  const curlDirectory = join(caseDirectory, "work");
  await mkdir(curlDirectory, { recursive: true });

  const format = extname(input.displayName).toLowerCase();
  const har = format === ".har" ? readHarCurlInvocations(input.text) : undefined;
  const respond = har === undefined ? undefined : playBack(har.responses);
  const serverOptions = {
    ...(respond ? { respond } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
  };
  const curlServer = await startRecordingServer(serverOptions);
  const testServer = await startRecordingServer(serverOptions);
  options.servers.push(curlServer, testServer);

  const folders = { caseDirectory, curlDirectory, filesDirectory: options.filesDirectory };
  const reference = await referenceCalls(input, format, har, folders);
  const requestLines = await sendReferenceCalls(reference, curlServer, curlDirectory, format);
  const conversion = await convertCaptures({
    inputs: [{ name: input.displayName, text: input.text }],
    service,
    filesDirectory: options.filesDirectory,
  }).catch((error: unknown) => crashedConversion(input, error));
  return {
    input,
    service,
    curlServer,
    testServer,
    conversion,
    curlProblems: reference.curlProblems,
    requestLines,
    scopeMismatch: reference.scopeMismatch,
  };
}

/** A service name per case: its folder, and the prefix of its env vars. */
function serviceNameFor(id: string): string {
  return id
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** The curl calls of a shell script (bash runs it) or of a HAR (its entries as curl calls). */
async function referenceCalls(
  input: FidelityCaseInput,
  format: string,
  har: ReturnType<typeof readHarCurlInvocations> | undefined,
  folders: CaseFolders,
): Promise<ReferenceCalls> {
  // Files the capture names (`-d @file`, `-F f=@file`, `< file` as intake reads them) are made
  // up in both working folders. A file only the shell computes (`< $(…)`) stays absent: what it
  // holds is not in the capture, so curl cannot send that command from the capture alone.
  const intake = readCaptures([{ name: input.displayName, text: input.text }]);
  const files = new Set(intake.requests.flatMap(filesRead));

  const curlProblems: string[] = [];
  if (format === ".sh") {
    await provideFiles(files, [folders.curlDirectory, folders.filesDirectory]);
    const shell = await readShellCurlInvocations({
      scriptText: input.text,
      workDirectory: folders.curlDirectory,
      callsDirectory: join(folders.caseDirectory, "calls"),
      timeoutMs: shellTimeoutMs,
    });
    if (shell.timedOut) curlProblems.push("bash timed out reading it");
    // bash names the script by its temporary path; the line number is what helps.
    const firstError = shell.stderr.split("\n").find((line) => line.trim() !== "");
    if (firstError !== undefined) {
      curlProblems.push(
        `bash: ${firstError.replace(/^.*?capture\.sh: /, "").replace(/^bash: /, "")}`,
      );
    }
    return { invocations: shell.invocations, curlProblems, scopeMismatch: undefined };
  }
  if (har !== undefined) {
    const reported = intake.skipped
      .map((line) => Number(/: (\d+) .* skipped/.exec(line)?.[1] ?? 0))
      .reduce((sum, count) => sum + count, 0);
    const scopeMismatch =
      reported === har.outOfScope
        ? undefined
        : `${har.outOfScope} HAR entries are out of scope, the converter reported ${reported} skipped`;
    return { invocations: har.invocations, curlProblems, scopeMismatch };
  }
  curlProblems.push(
    format === ".har"
      ? "not a HAR file curl's reference reading can use"
      : `no reference sender for ${format || "extension-less"} captures`,
  );
  return { invocations: [], curlProblems, scopeMismatch: undefined };
}

/** Sends each call with real curl; for a script, notes the line each request came from. */
async function sendReferenceCalls(
  reference: ReferenceCalls,
  curlServer: RecordingServer,
  curlDirectory: string,
  format: string,
): Promise<Map<RecordedRequest, number>> {
  const requestLines = new Map<RecordedRequest, number>();
  for (const invocation of reference.invocations) {
    const before = curlServer.requests.length;
    const outcome = await sendWithCurl({
      invocation,
      port: curlServer.port,
      workDirectory: curlDirectory,
      maxTimeSeconds: curlMaxTimeSeconds,
    });
    if (outcome.exitCode !== 0) {
      const message = outcome.stderr.split("\n").at(-1) ?? "";
      reference.curlProblems.push(
        `curl exit ${outcome.exitCode ?? "killed"}${message ? `: ${message}` : ""}`,
      );
    }
    if (format !== ".sh") continue;
    for (const request of curlServer.requests.slice(before))
      requestLines.set(request, invocation.line);
  }
  return requestLines;
}

/** A converter that throws has failed loudly: the case is refused, naming the error. */
function crashedConversion(input: FidelityCaseInput, error: unknown): ConversionResult {
  const firstLine = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  return {
    specs: [],
    plan: { version: conversionPlanVersion, service: "", envVars: [], specs: [] },
    requestCount: 0,
    warnings: [],
    failures: [
      {
        source: { file: input.displayName, line: 1, column: 1 },
        message: `the converter threw: ${firstLine.slice(0, 200)}`,
      },
    ],
    skipped: [],
    redactions: [],
    capturedSecrets: new Map(),
  };
}
