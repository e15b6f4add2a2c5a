/**
 * The fidelity check: for each capture, what real curl sends and what the generated test sends
 * arrive at loopback recording servers, and are compared. Every case's specs run in one
 * Playwright run; curl calls run a few at a time.
 */
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import pLimit from "p-limit";
import type { CaseVerdict, FidelityClass } from "./classify-case.ts";
import { judgeCase } from "./judge-case.ts";
import { makeLoopbackCertificate } from "./loopback-certificate.ts";
import { baseUrlEnvName, runPlaywrightBatch } from "./playwright-batch.ts";
import type { CaseTestResults, BatchOutcome } from "./playwright-batch.ts";
import { prepareCase } from "./prepare-case.ts";
import type { PreparedCase } from "./prepare-case.ts";
import type { RecordingServer } from "./recording-server.ts";
import type { NormalisationRuleId } from "./wire-normalisation.ts";

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
export async function runFidelityCheck(options: FidelityOptions): Promise<FidelityRun> {
  const started = performance.now();
  await rm(options.workDirectory, { recursive: true, force: true });
  const filesDirectory = join(options.workDirectory, "files");
  await mkdir(filesDirectory, { recursive: true });
  const tls = await makeLoopbackCertificate();
  const servers: RecordingServer[] = [];
  try {
    const prepared = await pLimit(options.curlConcurrency ?? 4).map(options.cases, (input) =>
      prepareCase({ input, workDirectory: options.workDirectory, filesDirectory, tls, servers }),
    );
    const batch = await runPlaywrightBatch({
      directory: join(options.workDirectory, "playwright"),
      cases: prepared.map((each) => ({ service: each.service, specs: each.conversion.specs })),
      filesDirectory,
      env: testEnv(prepared),
      workers: options.playwrightWorkers ?? 2,
      timeoutMs: 180_000,
    });
    const results = prepared.map((each) => judgeCase(each, batch.byService.get(each.service)));
    return { ...summary(results, prepared, batch), seconds: (performance.now() - started) / 1000 };
  } finally {
    await Promise.all(servers.map((server) => server.close()));
    if (!options.keepWorkDirectory)
      await rm(options.workDirectory, { recursive: true, force: true });
  }
}

/** Each case's base URL (its test server) and the captured secrets its tests read. */
function testEnv(prepared: readonly PreparedCase[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const each of prepared) {
    env[baseUrlEnvName(each.service)] = each.testServer.url;
    for (const [name, value] of each.conversion.capturedSecrets) env[name] = value;
  }
  return env;
}

function summary(
  results: CaseResult[],
  prepared: readonly PreparedCase[],
  batch: BatchOutcome,
): Omit<FidelityRun, "seconds"> {
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
  };
}
