import assert from "node:assert/strict";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { diagnosticLines, summaryLines } from "../../src/cli/convert-messages.ts";
import { convertCaptures } from "./convert-captures.ts";
import type { ConversionResult } from "./convert-captures.ts";
import { curlconverterCorpusDir, hoppscotchCorpusDir } from "./fixtures/curlconverter-corpus.ts";
import { resolveLlmOptions } from "./llm/llm-options.ts";
import { refinementPrompts } from "./llm/refine-plan.ts";
import { capturedNames } from "./plan/captured-names.ts";
import type { CapturedRequest } from "./model/captured-request.ts";

const capturesDir = fileURLToPath(new URL("./fixtures/captures/", import.meta.url));

interface Converted {
  result: ConversionResult;
  requests: readonly CapturedRequest[];
}

/** Every text a conversion puts out: specs, stderr and stdout lines, the plan, the LLM prompts. */
function outputs({ result, requests }: Converted): string[] {
  const prompts = refinementPrompts({
    plan: result.plan,
    requests,
    capturedSecrets: result.capturedSecrets,
    options: resolveLlmOptions({ apiKey: "unused" }, {}),
  }).flatMap((prompt) => prompt.messages.map((message) => message.content));
  return [
    ...result.specs.map((spec) => spec.text),
    ...diagnosticLines(result),
    ...summaryLines(
      result,
      result.specs.map((spec) => spec.fileName),
    ),
    JSON.stringify(result.plan),
    ...prompts,
  ];
}

/** Converts one file; the requests are those the converter hands to `--llm`'s refiner. */
async function convertFile(dir: string, file: string): Promise<Converted> {
  const text = await readFile(join(dir, file), "utf8");
  let requests: readonly CapturedRequest[] = [];
  const result = await convertCaptures({
    inputs: [{ name: file, text }],
    service: "shop",
    filesDirectory: dir,
    refinePlan: (input) => {
      requests = input.requests;
      return Promise.resolve({ plan: input.plan, warnings: [] });
    },
  });
  return { result, requests };
}

/** `$TOKEN` kept from a pasted command names a variable; the capture holds no value for it. */
const shellReference = /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/;

async function corpusFiles(): Promise<[string, string][]> {
  const listed: [string, string][] = [];
  for (const dir of [capturesDir, curlconverterCorpusDir, hoppscotchCorpusDir]) {
    for (const file of (await readdir(dir)).sort()) {
      if (/\.(sh|har|cmd|ps1|txt)$/.test(file)) listed.push([dir, file]);
    }
  }
  return listed;
}

describe("secret redaction across the capture fixtures and the curlconverter and Hoppscotch corpora", () => {
  it("writes, prints and prompts no secret value, and names each redaction", async () => {
    let checked = 0;
    for (const [dir, file] of await corpusFiles()) {
      const converted = await convertFile(dir, file);
      const result = converted.result;
      const names = capturedNames(converted.requests);
      const texts = outputs(converted);
      const stderr = diagnosticLines(result).join("\n");
      for (const [envVar, value] of result.capturedSecrets) {
        assert.match(stderr, new RegExp(`→ env ${envVar} \\(`), `${file}: ${envVar} is named`);
        if (value.length < 8 || names.has(value) || shellReference.test(value)) continue;
        checked += 1;
        for (const text of texts) assert.ok(!text.includes(value), `${file}: ${envVar} leaked`);
      }
    }
    assert.ok(checked >= 40, `${checked} secret values checked`);
  });

  it("finds the secrets a name-based finder misses, converting every request", async () => {
    const converted = await convertFile(capturesDir, "leaky-secrets.sh");
    const result = converted.result;
    assert.deepEqual(result.failures, []);
    assert.equal(result.requestCount, 6);
    const text = await readFile(join(capturesDir, "leaky-secrets.sh"), "utf8");
    const bduss = /BDUSS=([^;]+)/.exec(text)?.[1] ?? "";
    const secrets = [
      "https://hooks.slack.com/services/T0A1B2C3D/B0A1B2C3D/aBcDeFgHiJkLmNoPqRsTuVwX",
      "8f3Kq9ZpL2mN7xR4tV6wY1bC5dE0gH3j",
      "hunter2-secret",
      "s3cr3t-Passw0rd",
      bduss,
      "qRsTuVwXyZaBcDeFgHiJkLmN",
    ];
    assert.equal(bduss.length, 192);
    const captured = [...result.capturedSecrets.values()].join("\n");
    for (const secret of secrets) {
      assert.ok(captured.includes(secret), `${secret.slice(0, 12)}… is an env var`);
      for (const output of outputs(converted)) assert.ok(!output.includes(secret));
    }
    assert.ok(result.capturedSecrets.has("SHOP_BODY_PASSWORD_2"), "password equal to its key");
    assert.deepEqual(
      result.redactions.map((redaction) => redaction.description),
      [
        "body field alertWebhookUrl (IncomingWebhook)",
        "X-CSRFToken header",
        "form field data (JSON field password)",
        "body field password",
        "body field password",
        "cookie BDUSS",
        "URL path segment 2 (IncomingWebhook)",
        "URL path segment 3 (IncomingWebhook)",
        "URL path segment 4 (IncomingWebhook)",
      ],
    );
  });

  it("asserts and prompts no secret a response hands out, even one only its shape gives away", async () => {
    const converted = await convertFile(capturesDir, "fiddler-secrets-in-response.har");
    assert.deepEqual(converted.result.failures, []);
    const secrets = [
      "https://hooks.slack.com/services/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",
      "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",
    ];
    const texts = outputs(converted);
    for (const secret of secrets) {
      for (const text of texts) assert.ok(!text.includes(secret), `${secret.slice(0, 12)}…`);
    }
    assert.match(converted.result.specs[0]?.text ?? "", /"ops"/, "other fields still asserted");
  });

  it("refuses a spec that would hold a secret at the capture, never at the output file", async () => {
    const result = await convertCaptures({
      inputs: [{ name: "login.sh", text: "curl https://h/login -H 'X-Api-Key: abcdefgh'\n" }],
      service: "shop",
      refinePlan: ({ plan }) =>
        Promise.resolve({
          plan: { ...plan, specs: plan.specs.map((spec) => ({ ...spec, title: "abcdefgh" })) },
          warnings: [],
        }),
    });
    assert.equal(result.specs.length, 0);
    assert.equal(result.failures[0]?.source.file, "login.sh");
    assert.match(result.failures[0]?.message ?? "", /would hold the value of SHOP_X_API_KEY/);
  });
});
