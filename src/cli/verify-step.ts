/**
 * The `--verify` step of `qaops convert`: runs the written specs against the URL, prints the
 * report, says each demotion as a `warning:` line (each is also a TODO in its spec) and writes
 * the demoted specs over the first ones. Tests that failed every run are counted for the exit
 * code: the command still writes everything before it fails.
 */
import type { ConversionResult } from "../../tools/curl-to-test/convert-captures.ts";
import type { ConversionPlan } from "../../tools/curl-to-test/plan/conversion-plan.ts";
import type { GeneratedSpec } from "../../tools/curl-to-test/render/render-conversion.ts";
import {
  defaultVerifyRuns,
  verifyConversion,
} from "../../tools/curl-to-test/verify/verify-conversion.ts";
import { writeConversion } from "../../tools/curl-to-test/write-conversion.ts";
import { warningLine } from "./convert-messages.ts";

export async function verifyAndRewrite(options: {
  result: ConversionResult;
  outDir: string;
  url: string;
  runs?: number;
}): Promise<{ plan: ConversionPlan; specs: GeneratedSpec[]; failing: number }> {
  const { result } = options;
  const verified = await verifyConversion({
    plan: result.plan,
    specs: result.specs,
    outDir: options.outDir,
    baseURL: options.url,
    runs: options.runs ?? defaultVerifyRuns,
    secrets: result.capturedSecrets,
    onRun: (run, runs) => {
      if (process.stderr.isTTY) process.stderr.write(`verify: run ${run} of ${runs}…\n`);
    },
  });
  for (const line of verified.lines) console.log(line);
  for (const change of verified.changes) console.error(warningLine(change));
  if (!verified.demoted) {
    return { plan: result.plan, specs: result.specs, failing: verified.failing };
  }
  await writeConversion({
    outDir: options.outDir,
    specs: verified.demoted.specs,
    envVars: verified.demoted.plan.envVars,
  });
  console.log(
    `verify: ${verified.unstable} unstable test(s) now assert less (see the warnings); run --verify again to confirm`,
  );
  return { ...verified.demoted, failing: verified.failing };
}
