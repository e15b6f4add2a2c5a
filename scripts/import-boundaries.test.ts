// The import-direction rules catch an import that runs back, and let the allowed ones through.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ESLint } from "eslint";
import { importBoundaries } from "../eslint.import-boundaries.js";

const eslint = new ESLint({
  cwd: new URL("..", import.meta.url).pathname,
  overrideConfigFile: true,
  // Every TypeScript file is linted, as in the project's config; only the boundaries apply.
  overrideConfig: [{ files: ["**/*.ts"] }, ...importBoundaries],
});

async function problems(filePath: string, specifier: string): Promise<string[]> {
  const [result] = await eslint.lintText(`import { x } from "${specifier}";\nexport { x };\n`, {
    filePath,
  });
  return (result?.messages ?? []).map((message) => message.message);
}

describe("import boundaries", () => {
  it("refuse an import that runs back up or across", async () => {
    const refused: [string, string][] = [
      ["src/reporters/jira/jira-run.ts", "../../cli/main.ts"],
      ["src/reporters/base.ts", "../../tools/curl-to-test/convert-captures.ts"],
      ["src/demo-platform/platform.ts", "../reporters/jira.ts"],
      ["src/perf/runner/perf-run.ts", "../../cli/exit-error.ts"],
      ["src/record/recording-proxy.ts", "../reporters/reporter-log.ts"],
      ["tools/curl-to-test/plan/plan-conversion.ts", "../../../src/reporters/reporter-log.ts"],
      ["tools/curl-to-test/model/captured-request.ts", "../plan/conversion-plan.ts"],
      ["tools/curl-to-test/plan/spec-name.ts", "../render/literal.ts"],
      ["tools/curl-to-test/plan/plan-conversion.ts", "../../../src/record/har-entry-builder.ts"],
      ["src/shared/redact.ts", "../reporters/base.ts"],
      ["src/perf/runner/perf-run.ts", "../../../test-support/run-command.ts"],
      ["tools/curl-to-test/intake/curl-command.ts", "curlconverter/dist/src/Request.js"],
      ["tools/curl-to-test/model/captured-request.ts", "curlconverter/dist/src/shell/Word.js"],
      ["tools/curl-to-test/intake/curl-command.test.ts", "curlconverter/dist/src/curl/opts.js"],
      ["bench/har-intake.bench.ts", "curlconverter/dist/src/Request.js"],
    ];
    for (const [file, specifier] of refused) {
      const messages = await problems(file, specifier);
      assert.equal(messages.length, 1, `${file} importing ${specifier}`);
    }
  });

  it("let the downward imports and the tests through", async () => {
    const allowed: [string, string][] = [
      ["src/cli/commands/convert.ts", "../../../tools/curl-to-test/convert-captures.ts"],
      ["src/perf/verdict/deliver-perf-verdict.ts", "../../reporters/jira/jira-run.ts"],
      ["src/record/redact-har.ts", "../../tools/curl-to-test/plan/secret-finder.ts"],
      ["tools/curl-to-test/fidelity/fidelity-report.ts", "../../../src/shared/redact.ts"],
      ["tools/curl-to-test/plan/spec-name.ts", "../model/identifier-names.ts"],
      ["tools/curl-to-test/plan/cookie-secrets.ts", "../../../src/shared/cookie-pairs.ts"],
      ["tools/curl-to-test/render/spec-file.ts", "../plan/conversion-plan.ts"],
      ["src/reporters/jira/jira-run.ts", "../delivery/retry.ts"],
      [
        "src/reporters/jira/jira-run.test.ts",
        "../../../test-support/reporters/fake-jira-server.ts",
      ],
      ["tools/curl-to-test/intake/curl-command.ts", "curlconverter"],
      ["tools/curl-to-test/model/captured-request.ts", "curlconverter"],
    ];
    for (const [file, specifier] of allowed) {
      assert.deepEqual(await problems(file, specifier), [], `${file} importing ${specifier}`);
    }
  });
});
