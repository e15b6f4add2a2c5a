/**
 * The fidelity check: for each capture, what real curl sends and what the generated test sends
 * arrive at loopback recording servers, and are compared. Every case's specs run in one
 * Playwright run; curl calls run a few at a time.
 */
import { mkdir, rm, writeFile } from "node:fs/promises";
import { basename, dirname, extname, isAbsolute, join, normalize } from "node:path";
import { convertCaptures } from "../convert-captures.ts";
import type { ConversionResult } from "../convert-captures.ts";
import { readCaptures } from "../intake/read-captures.ts";
import type { CapturedRequest } from "../model/captured-request.ts";
import { mapConcurrently } from "../record/map-concurrently.ts";
import { classifyCase, describe } from "./classify-case.ts";
import type { CaseVerdict, FidelityClass } from "./classify-case.ts";
import { readHarCurlInvocations } from "./har-curl-invocations.ts";
import { makeLoopbackCertificate } from "./loopback-certificate.ts";
import { baseUrlEnvName, runPlaywrightBatch } from "./playwright-batch.ts";
import type { CaseTestResults } from "./playwright-batch.ts";
import { startRecordingServer } from "./recording-server.ts";
import type { RecordedRequest, RecordingServer, Responder } from "./recording-server.ts";
import { sendWithCurl } from "./send-with-curl.ts";
import { readShellCurlInvocations } from "./shell-curl-invocations.ts";
import type { CurlInvocation } from "./shell-curl-invocations.ts";
import { pairRequests } from "./wire-differences.ts";
import { normaliseRequest } from "./wire-normalisation.ts";
import type { NormalisationRuleId, NormalisedRequest } from "./wire-normalisation.ts";

export interface FidelityCaseInput {
  /** Short, unique, e.g. `corpus/post_json`. */
  id: string;
  /** Name given to the converter, as a user would pass it. */
  displayName: string;
  text: string;
}

export interface CaseResult {
  id: string;
  verdict: CaseVerdict;
  curlRequests: number;
  testRequests: number;
  /** Normalisation rules that changed something in this case. */
  rules: NormalisationRuleId[];
  warnings: number;
  tests: CaseTestResults | undefined;
  /** Every difference, curl problem and test error, one line each, for a verbose report. */
  details: string[];
  /** Captured secret values of this case, to mask in anything printed. Never print these. */
  secretValues: string[];
}

export interface FidelityRun {
  results: CaseResult[];
  totals: Record<FidelityClass, number>;
  /** Cases where curl delivered at least one request. */
  curlRunnable: number;
  /** equal + equal-but-redacted, as a share of curlRunnable. */
  equalShare: number;
  /** Playwright's own output when the run itself failed (not a test). */
  runnerProblem: string | undefined;
  seconds: number;
}

export interface FidelityOptions {
  cases: FidelityCaseInput[];
  /** A folder inside the repository for the run's files (removed afterwards). */
  workDirectory: string;
  curlConcurrency?: number;
  playwrightWorkers?: number;
  keepWorkDirectory?: boolean;
}

interface PreparedCase {
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

const curlMaxTimeSeconds = 5;
const shellTimeoutMs = 10_000;

export async function runFidelityCheck(options: FidelityOptions): Promise<FidelityRun> {
  const started = performance.now();
  await rm(options.workDirectory, { recursive: true, force: true });
  const filesDirectory = join(options.workDirectory, "files");
  await mkdir(filesDirectory, { recursive: true });
  const tls = await makeLoopbackCertificate();
  const servers: RecordingServer[] = [];
  try {
    const prepared = await mapConcurrently(options.cases, options.curlConcurrency ?? 4, (input) =>
      prepareCase({ input, workDirectory: options.workDirectory, filesDirectory, tls, servers }),
    );
    const env: Record<string, string> = {};
    for (const each of prepared) {
      env[baseUrlEnvName(each.service)] = each.testServer.url;
      for (const [name, value] of each.conversion.capturedSecrets) env[name] = value;
    }
    const batch = await runPlaywrightBatch({
      directory: join(options.workDirectory, "playwright"),
      cases: prepared.map((each) => ({ service: each.service, specs: each.conversion.specs })),
      filesDirectory,
      env,
      workers: options.playwrightWorkers ?? 2,
      timeoutMs: 180_000,
    });
    const results = prepared.map((each) => judgeCase(each, batch.byService.get(each.service)));
    const totals = Object.fromEntries(
      (["equal", "equal-but-redacted", "warned", "refused", "silently-different"] as const).map(
        (verdict) => [verdict, results.filter((r) => r.verdict.verdict === verdict).length],
      ),
    ) as Record<FidelityClass, number>;
    const curlRunnable = results.filter((r) => r.curlRequests > 0).length;
    const equalCount = results.filter(
      (r) =>
        r.curlRequests > 0 &&
        (r.verdict.verdict === "equal" || r.verdict.verdict === "equal-but-redacted"),
    ).length;
    const ranAnyTest = [...batch.byService.values()].some((r) => r.passed + r.failed > 0);
    return {
      results,
      totals,
      curlRunnable,
      equalShare: curlRunnable === 0 ? 0 : equalCount / curlRunnable,
      runnerProblem:
        ranAnyTest || prepared.every((each) => each.conversion.specs.length === 0)
          ? undefined
          : batch.output.slice(-2_000),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    if (!options.keepWorkDirectory)
      await rm(options.workDirectory, { recursive: true, force: true });
  }
}

/** A service name per case: its folder, and the prefix of its env vars. */
function serviceNameFor(id: string): string {
  return id
    .toLowerCase()
    .replace(/\.[a-z0-9]+$/, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

async function prepareCase(options: {
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

  // Files the capture names (`-d @file`, `-F f=@file`, `< file` as intake reads them) are made
  // up in both working folders. A file only the shell computes (`< $(…)`) stays absent: what it
  // holds is not in the capture, so curl cannot send that command from the capture alone.
  const intake = readCaptures([{ name: input.displayName, text: input.text }]);
  const files = new Set(intake.requests.flatMap(filesRead));

  const curlProblems: string[] = [];
  let invocations: CurlInvocation[] = [];
  let scopeMismatch: string | undefined;
  if (format === ".sh") {
    await provideFiles(files, [curlDirectory, options.filesDirectory]);
    const shell = await readShellCurlInvocations({
      scriptText: input.text,
      workDirectory: curlDirectory,
      callsDirectory: join(caseDirectory, "calls"),
      timeoutMs: shellTimeoutMs,
    });
    invocations = shell.invocations;
    if (shell.timedOut) curlProblems.push("bash timed out reading it");
    // bash names the script by its temporary path; the line number is what helps.
    const firstError = shell.stderr.split("\n").find((line) => line.trim() !== "");
    if (firstError !== undefined) {
      curlProblems.push(
        `bash: ${firstError.replace(/^.*?capture\.sh: /, "").replace(/^bash: /, "")}`,
      );
    }
  } else if (har !== undefined) {
    invocations = har.invocations;
    const reported = intake.skipped
      .map((line) => Number(/: (\d+) .* skipped/.exec(line)?.[1] ?? 0))
      .reduce((sum, count) => sum + count, 0);
    if (reported !== har.outOfScope) {
      scopeMismatch = `${har.outOfScope} HAR entries are out of scope, the converter reported ${reported} skipped`;
    }
  } else if (format === ".har") {
    curlProblems.push("not a HAR file curl's reference reading can use");
  } else {
    curlProblems.push(`no reference sender for ${format || "extension-less"} captures`);
  }

  const requestLines = new Map<RecordedRequest, number>();
  for (const invocation of invocations) {
    const before = curlServer.requests.length;
    const outcome = await sendWithCurl({
      invocation,
      port: curlServer.port,
      workDirectory: curlDirectory,
      maxTimeSeconds: curlMaxTimeSeconds,
    });
    if (outcome.exitCode !== 0) {
      const message = outcome.stderr.split("\n").at(-1) ?? "";
      curlProblems.push(
        `curl exit ${outcome.exitCode ?? "killed"}${message ? `: ${message}` : ""}`,
      );
    }
    if (format !== ".sh") continue;
    for (const request of curlServer.requests.slice(before))
      requestLines.set(request, invocation.line);
  }

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
    curlProblems,
    requestLines,
    scopeMismatch,
  };
}

function judgeCase(prepared: PreparedCase, tests: CaseTestResults | undefined): CaseResult {
  const lines = new Map<NormalisedRequest, number>();
  const curl = prepared.curlServer.requests.map((request) => {
    const normalised = normaliseRequest(request, "curl");
    const line = prepared.requestLines.get(request);
    if (line !== undefined) lines.set(normalised, line);
    return normalised;
  });
  const test = prepared.testServer.requests.map((request) => normaliseRequest(request, "test"));
  const paired = pairRequests(curl, test);

  // Summaries of many requests carry no source: they belong to no one command.
  const said = (entries: { source?: { line: number }; message: string }[]) =>
    entries.map((entry) => ({ line: entry.source?.line ?? -1, message: entry.message }));
  const warnings = said(prepared.conversion.warnings);
  const failures = said(prepared.conversion.failures);
  if (prepared.scopeMismatch !== undefined)
    failures.push({ line: 0, message: prepared.scopeMismatch });
  const commandLines = [...new Set(prepared.requestLines.values())].sort((a, b) => a - b);
  // Bash names a line inside a command that spans several (a continued line, not its first),
  // while messages name its first: a command's messages are those after the previous
  // command's line, up to its own.
  const ofCommand = (line: number | undefined, messages: { line: number; message: string }[]) => {
    if (line === undefined) return messages.map((each) => each.message);
    const previous = commandLines.findLast((other) => other < line) ?? 0;
    return messages
      .filter((each) => each.line > previous && each.line <= line)
      .map((each) => each.message);
  };

  const verdict = classifyCase({
    curlSent: curl.length > 0,
    curlProblems: prepared.curlProblems,
    specCount: prepared.conversion.specs.length,
    failures: failures.map((failure) => failure.message),
    redactions: prepared.conversion.redactions.map((redaction) => redaction.envVar),
    pairs: paired.pairs.map((pair) => {
      const line = pair.curl === undefined ? undefined : lines.get(pair.curl);
      return {
        curlSent: pair.curl !== undefined,
        testSent: pair.test !== undefined,
        differences: pair.differences,
        warnings: ofCommand(line, warnings),
        failures: ofCommand(line, failures),
      };
    }),
  });
  return {
    id: prepared.input.id,
    verdict,
    curlRequests: curl.length,
    testRequests: test.length,
    rules: [...paired.applied].sort(),
    warnings: prepared.conversion.warnings.length,
    tests,
    details: [
      ...paired.pairs.flatMap((pair) => pair.differences.map(describe)),
      ...prepared.curlProblems,
      ...(tests?.errors.map((error) => `test: ${error}`) ?? []),
      ...failures.map((failure) => `failure (line ${failure.line}): ${failure.message}`),
      ...warnings.map((warning) => `warning (line ${warning.line}): ${warning.message}`),
    ],
    secretValues: [...prepared.conversion.capturedSecrets.values()],
  };
}

/** A converter that throws has failed loudly: the case is refused, naming the error. */
function crashedConversion(input: FidelityCaseInput, error: unknown): ConversionResult {
  const firstLine = (error instanceof Error ? error.message : String(error)).split("\n")[0] ?? "";
  return {
    specs: [],
    plan: { version: 1, service: "", envVars: [], specs: [] },
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

/** Relative paths a request reads when it is sent; absolute ones are left absent. */
function filesRead(request: CapturedRequest): string[] {
  const paths: string[] = [];
  if (request.body.kind === "file") paths.push(request.body.path);
  if (request.body.kind === "multipart") {
    for (const part of request.body.parts)
      if (part.filePath !== undefined) paths.push(part.filePath);
  }
  return paths.filter(isSafeRelativePath);
}

function isSafeRelativePath(path: string): boolean {
  return (
    path !== "" &&
    path !== "-" &&
    !isAbsolute(path) &&
    !path.startsWith("~") &&
    !normalize(path).startsWith("..")
  );
}

/**
 * The same made-up content for a path in every folder, with a CR LF and a LF in it so that
 * `-d @file` (which strips them) and `--data-binary @file` (which keeps them) differ.
 */
function fixtureFileContent(path: string): Buffer {
  return Buffer.from(`fidelity fixture ${basename(path)}\r\nsecond line\n`, "utf8");
}

async function provideFiles(files: Set<string>, directories: string[]): Promise<void> {
  for (const file of files) {
    for (const directory of directories) {
      const target = join(directory, file);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, fixtureFileContent(file));
    }
  }
}

function playBack(
  responses: Map<string, { status: number; mimeType: string | undefined; text: string }>,
): Responder {
  return (request) => {
    const captured = responses.get(`${request.method.toUpperCase()} ${request.target}`);
    if (captured === undefined) {
      return {
        status: 200,
        headers: [{ name: "content-type", value: "application/json" }],
        body: "{}",
      };
    }
    return {
      status: captured.status,
      headers: captured.mimeType ? [{ name: "content-type", value: captured.mimeType }] : [],
      body: captured.text,
    };
  };
}
