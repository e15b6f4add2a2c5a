// The fidelity check over curlconverter's corpus and the capture fixtures: what real curl sends
// and what the generated test sends must match, or the converter must have said why.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { describe as describeDifference } from "./classify-case.ts";
import { runFidelityCheck } from "./fidelity-check.ts";
import { curlconverterCorpusDir } from "../fixtures/curlconverter-corpus.ts";
import { readFidelityCases } from "./fidelity-cases.ts";
import { formatFidelityReport } from "./fidelity-report.ts";
import { redact } from "../../../src/shared/redact.ts";
import { curlBinary } from "./send-with-curl.ts";

const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

describe("curl-to-test fidelity", () => {
  it("sends what curl sends, for every corpus command and capture fixture", async () => {
    assert.ok(
      existsSync(curlBinary),
      `the fidelity check sends with real curl: install ${curlBinary}`,
    );
    const cases = readFidelityCases(repoRoot);
    const corpusCases = cases.filter((each) => each.id.startsWith("corpus/")).length;
    assert.ok(corpusCases >= 100, `expected the curlconverter corpus in ${curlconverterCorpusDir}`);

    const run = await runFidelityCheck({
      cases,
      workDirectory: join(repoRoot, ".qaops", `fidelity-test-${process.pid}`),
    });
    console.log(formatFidelityReport(run));

    assert.equal(run.runnerProblem, undefined, "Playwright ran the generated specs");
    const silent = run.results
      .filter((result) => result.verdict.verdict === "silently-different")
      .map((result) =>
        [
          result.id,
          ...result.verdict.unexplained.map(
            (difference) => `  ${redact(describeDifference(difference), result.secretValues)}`,
          ),
        ].join("\n"),
      );
    assert.deepEqual(silent, [], "no case may differ without a warning saying so");
    assert.ok(
      run.equalShare >= 0.99,
      `equal or redacted in ${(run.equalShare * 100).toFixed(1)}% of the ${run.curlRunnable} cases curl can run; at least 99% expected`,
    );
  });
});
