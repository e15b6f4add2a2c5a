/**
 * `convert --verify URL`: the written specs run `runs` times in a row against the live URL,
 * with the capture's own credentials. Each test is reported stable (passed every run), unstable
 * (passed some) or failing (passed none), with the first line of why. Unstable tests have what
 * failed demoted (see demote-unstable.ts) and are written again; failing ones are left as they
 * are: a test that never passes against the service it was captured from says something the
 * capture and the service disagree on, which a person has to look at.
 */
import { resolve } from "node:path";
import { leakedSecret } from "../convert-captures.ts";
import { placeWarnings, type ConversionWarning } from "../model/conversion-warning.ts";
import type { ConversionPlan } from "../plan/conversion-plan.ts";
import { renderConversion } from "../render/render-conversion.ts";
import type { GeneratedSpec } from "../render/render-conversion.ts";
import { demoteUnstable } from "./demote-unstable.ts";
import type { UnstableTest } from "./demote-unstable.ts";
import { runSpecsOnce } from "./playwright-run.ts";
import type { TestError } from "./playwright-run.ts";

export const defaultVerifyRuns = 3;

export interface VerifyConversionOptions {
  plan: ConversionPlan;
  specs: readonly GeneratedSpec[];
  /** Where the specs were written. */
  outDir: string;
  baseURL: string;
  runs: number;
  /** Env var → captured value; given to the test processes only, never printed. */
  secrets: ReadonlyMap<string, string>;
  onRun?: (run: number, runs: number) => void;
}

export interface VerifyConversionResult {
  /** The report, one line per test, for stdout. */
  lines: string[];
  /** What was demoted, located at the output folder; each is also a TODO in the spec. */
  changes: ConversionWarning[];
  /** The plan and specs to write again, when anything was demoted. */
  demoted: { plan: ConversionPlan; specs: GeneratedSpec[] } | null;
  unstable: number;
  failing: number;
}

interface Tally {
  file: string;
  title: string;
  passed: number;
  errors: TestError[];
}

export async function verifyConversion(
  options: VerifyConversionOptions,
): Promise<VerifyConversionResult> {
  const tallies = new Map<string, Tally>();
  for (let run = 1; run <= options.runs; run += 1) {
    options.onRun?.(run, options.runs);
    const outcomes = await runSpecsOnce({
      testDir: resolve(options.outDir),
      baseURL: options.baseURL,
      env: Object.fromEntries(options.secrets),
    });
    for (const outcome of outcomes) {
      const key = `${outcome.file}\u0000${outcome.title}`;
      const tally = tallies.get(key) ?? {
        file: outcome.file,
        title: outcome.title,
        passed: 0,
        errors: [],
      };
      tallies.set(key, tally);
      if (outcome.status === "passed") tally.passed += 1;
      else tally.errors.push(...outcome.errors);
    }
  }
  const all = [...tallies.values()];
  const unstable = all.filter((tally) => tally.passed > 0 && tally.passed < options.runs);
  const failing = all.filter((tally) => tally.passed === 0);
  const lines = [
    `verify: ${all.length} test(s), ${options.runs} run(s) each against ${options.baseURL}`,
    ...all.map((tally) => reportLine(tally, options)),
  ];
  const plan = structuredClone(options.plan);
  const texts = new Map(options.specs.map((spec) => [spec.fileName, spec.text]));
  const changes = placeWarnings(demoteUnstable(plan, texts, unstable.map(unstableTest)), {
    file: options.outDir,
    line: 0,
    column: 0,
  });
  return {
    lines,
    changes,
    demoted: changes.length > 0 ? { plan, specs: await renderConversion(plan) } : null,
    unstable: unstable.length,
    failing: failing.length,
  };
}

function unstableTest(tally: Tally): UnstableTest {
  return { file: tally.file, title: tally.title, errors: tally.errors };
}

function reportLine(tally: Tally, options: VerifyConversionOptions): string {
  const name = `${tally.file} › ${tally.title}`;
  if (tally.passed === options.runs) return `  stable    ${name}`;
  // Only an error's first line is shown: it names the assertion, not the values compared.
  const first = (tally.errors[0]?.message ?? "no error reported").split("\n")[0]!.trim();
  const why = leakedSecret(first, options.secrets) === null ? first : "(its message held a secret)";
  const state = tally.passed === 0 ? "failing " : "unstable";
  return `  ${state}  ${name}: passed ${tally.passed} of ${options.runs} runs; ${why}`;
}
