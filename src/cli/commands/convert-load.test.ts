// qaops convert --load end to end: a capture of the demo platform becomes specs and a load
// scenario; in Artillery, each read carries the id its own create returned, as the server sees it.
import assert from "node:assert/strict";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { convertCaptures } from "../../../tools/curl-to-test/convert-captures.ts";
import { hostileShopHar } from "../../../tools/curl-to-test/fixtures/hostile-shop-capture.ts";
import { runLoadScenario } from "../../../tools/curl-to-test/fixtures/load-run.ts";
import {
  repositoryRoot,
  repositoryWorkDir,
} from "../../../tools/curl-to-test/testing/repository-tools.ts";
import { startDemoPlatform } from "../../demo-platform/platform.ts";
import type { DemoPlatform } from "../../demo-platform/platform.ts";
import { runQaops } from "../../../test-support/run-qaops.ts";

// Inside the repository, as generated scenarios are: their imports reach tests/perf/lib.
const workDir = repositoryWorkDir("convert-load");

after(() => rm(workDir, { recursive: true, force: true }));

describe("qaops convert --load on a capture of the demo platform", () => {
  const apiToken = "load-capture-token";
  const idempotencyKey = "0f8c2b1e-5d2a-4c3b-9e7f-1a2b3c4d5e6f";
  const orderBody = JSON.stringify({
    memberId: 301,
    shopId: 1,
    items: [{ menuItemId: 1, quantity: 2 }],
  });
  const dir = join(workDir, "demo");
  const log: string[] = [];
  let platform: DemoPlatform;
  let capturedOrderId: number;

  before(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    platform = await startDemoPlatform({ port: 0, apiToken, log: (line) => log.push(line) });
    // The capture: an order placed from a browser, then read back by the id it was given.
    // `--record` replays the create with its Idempotency-Key, so the recorded answer is this order.
    const placed = await fetch(`${platform.services.order.url}/v1/orders`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${apiToken}`,
        "content-type": "application/json",
        "idempotency-key": idempotencyKey,
      },
      body: orderBody,
    });
    capturedOrderId = ((await placed.json()) as { id: number }).id;
    await writeFile(
      join(dir, "order.sh"),
      [
        `curl 'https://order.example.com/v1/orders' -H 'accept: application/json' -H 'authorization: Bearer ${apiToken}' -H 'content-type: application/json' -H 'idempotency-key: ${idempotencyKey}' --data-raw '${orderBody}'`,
        `curl 'https://order.example.com/v1/orders/${capturedOrderId}' -H 'accept: application/json' -H 'authorization: Bearer ${apiToken}'`,
        "",
      ].join("\n"),
    );
  });
  after(async () => {
    await platform.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("writes the scenario --load-out names; in Artillery each read carries the id its own create returned", async () => {
    const orderUrl = platform.services.order.url;
    const scriptPath = join(dir, "order-load.ts");
    const convert = await runQaops(
      [
        "convert",
        join(dir, "order.sh"),
        "--service",
        "order",
        "--record",
        orderUrl,
        "--out",
        join(dir, "specs"),
        "--load-out",
        scriptPath,
      ],
      { cwd: repositoryRoot, env: process.env },
    );
    assert.equal(convert.code, 0, convert.stderr);
    assert.match(convert.stdout, new RegExp(`wrote ${scriptPath.replaceAll("/", "\\/")}`));
    const text = await readFile(scriptPath, "utf8");
    assert.ok(!text.includes(apiToken), "the token is read from ORDER_AUTHORIZATION_TOKEN");
    assert.ok(!text.includes(idempotencyKey), "a fresh key per request, not the captured one");
    assert.match(text, /context\.vars\["idempotencyKey"\] = freshIdempotencyKey\(\);/);
    assert.match(text, /"idempotency-key": String\(context\.vars\["idempotencyKey"\]\)/);

    log.length = 0;
    const loadRun = await runLoadScenario(scriptPath, {
      ORDER_BASE_URL: orderUrl,
      ORDER_AUTHORIZATION_TOKEN: apiToken,
    });
    assert.equal(loadRun.result.exitCode, 0, loadRun.output);

    const created = log.filter((line) => /^order POST \/v1\/orders 201 /.test(line));
    const readIds = log.flatMap((line) => {
      const match = /^order GET \/v1\/orders\/(\d+) 200 /.exec(line);
      return match ? [Number(match[1])] : [];
    });
    assert.ok(created.length >= 2, `${created.length} orders placed:\n${log.join("\n")}`);
    assert.equal(readIds.length, created.length, log.join("\n"));
    // Each read found an order (200) other than the captured one: only the run's own creates
    // made such orders, one each, and each read named a different one.
    assert.equal(new Set(readIds).size, readIds.length, `ids read: ${readIds.join(", ")}`);
    assert.ok(!readIds.includes(capturedOrderId), `ids read: ${readIds.join(", ")}`);
  });
});

describe("qaops convert --load defaults", () => {
  const dir = join(workDir, "cli");
  before(async () => {
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, "shop.har"), hostileShopHar());
  });
  after(() => rm(dir, { recursive: true, force: true }));

  const qaops = async (args: string[]) => {
    const run = await runQaops(args, { cwd: dir, env: process.env });
    assert.equal(run.code, 0, run.stderr);
    return run;
  };

  it("writes tests/perf/captured/<service>.ts under the working folder, and again from a saved plan", async () => {
    const converted = await qaops(["convert", "shop.har", "--service", "shop", "--load"]);
    const scenario = join("tests", "perf", "captured", "shop.ts");
    assert.match(converted.stdout, new RegExp(`^wrote ${scenario.replaceAll("/", "\\/")}$`, "m"));
    assert.match(converted.stdout, /^wrote tests\/api\/shop\/create-order-flow\.spec\.ts$/m);
    const fromCapture = await readFile(join(dir, scenario), "utf8");

    const result = await convertCaptures({
      inputs: [{ name: "shop.har", text: hostileShopHar() }],
      service: "shop",
    });
    await writeFile(join(dir, "plan.json"), JSON.stringify(result.plan));
    const replanned = await qaops([
      "convert",
      "plan.json",
      "--service",
      "shop",
      "--from-plan",
      "--out",
      "specs",
      "--load-out",
      "again/shop.ts",
    ]);
    assert.match(replanned.stdout, /^wrote again\/shop\.ts$/m);
    const fromPlan = await readFile(join(dir, "again", "shop.ts"), "utf8");
    // The same plan gives the same scenario; only the imports' way to tests/perf/lib differs.
    const withoutImports = (text: string) => text.replace(/from "[^"]*\/tests\/perf\/lib\//g, "");
    assert.equal(withoutImports(fromPlan), withoutImports(fromCapture));
  });
});
