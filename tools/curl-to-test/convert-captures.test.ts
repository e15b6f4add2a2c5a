import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { readFile, readdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { convertCaptures } from "./convert-captures.ts";
import type { ConversionResult } from "./convert-captures.ts";
import {
  capturedBodies,
  hostileShopHar,
  hostileText,
  menuId,
  noteHeader,
  orderId,
  shopSecrets,
} from "./fixtures/hostile-shop-capture.ts";
import { startShopServer } from "./fixtures/shop-server.ts";
import type { ShopServer } from "./fixtures/shop-server.ts";
import { runPlaywrightConfig, writePlaywrightConfig } from "./testing/playwright-projects.ts";
import { curlconverterCorpusDir } from "./fixtures/curlconverter-corpus.ts";
import { lint, repositoryWorkDir, typeCheck } from "./testing/repository-tools.ts";
import { writeConversion } from "./write-conversion.ts";

const workDir = repositoryWorkDir("convert-captures");
const specsDir = join(workDir, "specs");
const corpusSpecsDir = join(workDir, "corpus");

describe("convertCaptures on a hostile capture and the curl corpus", () => {
  let result: ConversionResult;
  let kept: ShopServer;
  let broken: ShopServer;
  const corpus: { file: string; specs: number; failures: number }[] = [];

  before(async () => {
    result = await convertCaptures({
      inputs: [{ name: "shop.har", text: hostileShopHar() }],
      service: "shop",
    });
    await rm(workDir, { recursive: true, force: true });
    await writeConversion({ outDir: specsDir, specs: result.specs, envVars: result.plan.envVars });
    kept = await startShopServer({ contract: "kept" });
    broken = await startShopServer({ contract: "broken" });
    for (const file of readdirSync(curlconverterCorpusDir).filter((name) => name.endsWith(".sh"))) {
      const text = await readFile(join(curlconverterCorpusDir, file), "utf8");
      const conversion = await convertCaptures({
        inputs: [{ name: file, text }],
        service: "corpus",
        filesDirectory: curlconverterCorpusDir,
      });
      corpus.push({ file, specs: conversion.specs.length, failures: conversion.failures.length });
      await writeConversion({
        outDir: join(corpusSpecsDir, file.replace(/\W+/g, "-")),
        specs: conversion.specs,
        envVars: [],
      });
    }
  });

  after(async () => {
    await Promise.all([kept.close(), broken.close()]);
    await rm(workDir, { recursive: true, force: true });
  });

  it("plans flows, a table and single tests, and redacts every secret by name", () => {
    assert.deepEqual(
      result.specs.map((spec) => spec.fileName),
      [
        "create-order-flow.spec.ts",
        "get-shops.spec.ts",
        "get-shop-menus-flow.spec.ts",
        "update-note.spec.ts",
        "login.spec.ts",
      ],
    );
    assert.deepEqual(
      result.redactions.map((redaction) => [redaction.envVar, redaction.description]),
      [
        ["SHOP_AUTHORIZATION_TOKEN", "Authorization header credential (Bearer)"],
        ["SHOP_BODY_PASSWORD", "body field password"],
        ["SHOP_X_API_KEY", "X-Api-Key header"],
        ["SHOP_FORM_PASSWORD", "form field password"],
      ],
    );
    assert.deepEqual(result.failures, []);
    assert.deepEqual(result.warnings, []);
  });

  it("writes no secret value into any file", async () => {
    const files = await readdir(specsDir);
    assert.ok(files.includes(".env.example"));
    for (const file of files) {
      const text = await readFile(join(specsDir, file), "utf8");
      for (const secret of Object.values(shopSecrets)) {
        assert.ok(!text.includes(secret), `${file} holds a secret`);
        assert.ok(!text.includes(encodeURIComponent(secret)), `${file} holds an encoded secret`);
      }
    }
    assert.match(await readFile(join(specsDir, ".env.example"), "utf8"), /^SHOP_X_API_KEY=$/m);
  });

  it("converts every command of the curl corpus, or says why not", () => {
    assert.ok(corpus.length > 100, `${corpus.length} corpus files`);
    const silent = corpus.filter((entry) => entry.specs === 0 && entry.failures === 0);
    assert.deepEqual(silent, [], "each file gives specs or failures");
    const converted = corpus.filter((entry) => entry.specs > 0).length;
    assert.ok(converted >= corpus.length * 0.95, `${converted} of ${corpus.length} converted`);
  });

  it("emits specs that type-check, lint clean, and pass or fail with the contract", async () => {
    const config = await writePlaywrightConfig({
      dir: workDir,
      projects: [
        { name: "kept", testDir: "./specs", baseURL: kept.url },
        { name: "broken", testDir: "./specs", baseURL: broken.url },
      ],
    });
    const [typeCheckRun, lintRun, playwright] = await Promise.all([
      typeCheck(workDir, ["specs/**/*.ts", "corpus/**/*.ts"]),
      lint([specsDir, corpusSpecsDir]),
      runPlaywrightConfig(config, Object.fromEntries(result.capturedSecrets)),
    ]);
    assert.equal(typeCheckRun.code, 0, typeCheckRun.output);
    assert.equal(lintRun.code, 0, lintRun.output);
    // The broken contract makes some tests fail, so Playwright itself exits 1.
    assert.notEqual(playwright.code, 0);

    const outcomes = playwright.tests
      .map((test) => [test.project, test.title, test.status ?? "not run"])
      .sort();
    assert.deepEqual(outcomes, [
      ["broken", "GET /v1/shops/{id}/menus → GET /v1/menus/{id} (2 steps)", "passed"],
      ["broken", "POST /v1/orders → GET /v1/orders/{id} (2 steps)", "failed"],
      ["broken", "get shops — GET /v1/shops?region=busan → 200", "failed"],
      ["broken", "get shops — GET /v1/shops?region=seoul → 200", "failed"],
      ["broken", "login — POST /v1/login → 200", "passed"],
      ["broken", "update note — PUT /v1/notes/42 → 204", "passed"],
      ["kept", "GET /v1/shops/{id}/menus → GET /v1/menus/{id} (2 steps)", "passed"],
      ["kept", "POST /v1/orders → GET /v1/orders/{id} (2 steps)", "passed"],
      ["kept", "get shops — GET /v1/shops?region=busan → 200", "passed"],
      ["kept", "get shops — GET /v1/shops?region=seoul → 200", "passed"],
      ["kept", "login — POST /v1/login → 200", "passed"],
      ["kept", "update note — PUT /v1/notes/42 → 204", "passed"],
    ]);
  });

  it("sent exactly the captured bytes, secrets supplied from the environment", () => {
    const find = (method: string, prefix: string) => {
      const found = kept.requests.find((r) => r.method === method && r.url.startsWith(prefix));
      assert.ok(found, `${method} ${prefix} reached the server`);
      return found;
    };
    const header = (request: { headers: [string, string][] }, name: string): string[] =>
      request.headers.filter(([key]) => key.toLowerCase() === name).map(([, value]) => value);

    const create = find("POST", "/v1/orders");
    assert.equal(create.body.toString("utf8"), capturedBodies.createOrder);
    assert.ok(create.body.toString("utf8").includes(JSON.stringify(hostileText).slice(1, -1)));
    assert.deepEqual(header(create, "authorization"), [`Bearer ${shopSecrets.bearer}`]);
    assert.deepEqual(header(create, "x-note"), [noteHeader]);
    assert.deepEqual(header(create, "content-type"), ["application/json"]);
    assert.deepEqual(header(create, "sec-fetch-mode"), []);

    const read = find("GET", `/v1/orders/${orderId}`);
    assert.equal(read.url, `/v1/orders/${orderId}?expand=items&q=a%20b+c`);

    assert.ok(find("GET", `/v1/menus/${menuId}`), "the menu id came from the list's first item");

    const note = find("PUT", "/v1/notes/42");
    assert.equal(note.body.toString("utf8"), capturedBodies.note);
    assert.deepEqual(header(note, "content-type"), ["text/plain"]);

    assert.equal(find("POST", "/v1/login").body.toString("utf8"), capturedBodies.login);
    assert.deepEqual(header(find("GET", "/v1/shops?region=busan"), "x-api-key"), [
      shopSecrets.apiKey,
    ]);
  });
});
