import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it, mock } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { defaultRulesDir, startDemoPlatform } from "../platform.ts";
import type { DemoPlatform } from "../platform.ts";

// Proves that rules change without a restart: the platform runs on a copy of the shipped rules.
const token = "rules-test-token";

interface Recommendations {
  items: { id: number }[];
  meta: { ruleVersion: string };
}

describe("recommendation rules reload", () => {
  let rulesDir: string;
  let platform: DemoPlatform;

  const call = async (path: string, method = "GET") => {
    const response = await fetch(`${platform.services.recommendation.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    });
    return { status: response.status, headers: response.headers, body: await response.json() };
  };
  const fruit = async () => {
    const response = await call("/v1/recommendations/grocery/fruit?memberId=7");
    assert.equal(response.status, 200);
    return response.body as Recommendations;
  };
  const editFruitRule = (edit: (rule: Record<string, unknown>) => void) => {
    const file = join(rulesDir, "grocery.fruit.json");
    const rule = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
    edit(rule);
    writeFileSync(file, JSON.stringify(rule, null, 2));
  };

  beforeEach(async () => {
    rulesDir = mkdtempSync(join(tmpdir(), "qaops-rules-"));
    cpSync(defaultRulesDir, rulesDir, { recursive: true });
    platform = await startDemoPlatform({ port: 0, apiToken: token, rulesDir });
  });
  afterEach(async () => {
    await platform.close();
    rmSync(rulesDir, { recursive: true, force: true });
  });

  it("applies an edited rule after POST /v1/recommendations/_reload", async () => {
    const before = await fruit();
    assert.equal(before.items.length, 20);
    editFruitRule((rule) => (rule.limit = 7));
    const reload = await call("/v1/recommendations/_reload", "POST");
    assert.equal(reload.status, 200);
    const after = await fruit();
    assert.equal(after.items.length, 7);
    assert.notEqual(after.meta.ruleVersion, before.meta.ruleVersion);
    assert.deepEqual(
      after.items.map((item) => item.id),
      before.items.slice(0, 7).map((item) => item.id),
    );
  });

  it("notices a changed file by itself within the check interval", async () => {
    await fruit();
    editFruitRule((rule) => (rule.limit = 5));
    const started = performance.now();
    let count = 20;
    while (count !== 5 && performance.now() - started < 3_000) {
      await sleep(100);
      count = (await fruit()).items.length;
    }
    assert.equal(count, 5, "the new limit is served without a reload call");
  });

  it("keeps serving the previous rule when an edited file is invalid, and reports the file", async () => {
    const warn = mock.method(console, "warn", () => undefined);
    try {
      const before = await fruit();
      editFruitRule((rule) => (rule.limit = "twenty"));
      const reload = await call("/v1/recommendations/_reload", "POST");
      const { errors } = reload.body as { errors: { file: string; message: string }[] };
      assert.deepEqual(
        errors.map((error) => error.file),
        ["grocery.fruit.json"],
      );
      assert.match(errors[0]?.message ?? "", /^limit: /);
      const after = await fruit();
      assert.equal(after.meta.ruleVersion, before.meta.ruleVersion);
      assert.equal(after.items.length, 20);
      const lines = warn.mock.calls.map((c) => String(c.arguments[0]));
      assert.ok(
        lines.some((line) => /^warning: rules file grocery\.fruit\.json: limit: /.test(line)),
        lines.join("\n"),
      );
    } finally {
      warn.mock.restore();
    }
  });

  it("serves a rule file added at run time, and 404 again once it is removed", async () => {
    const path = "/v1/recommendations/grocery/bakery?memberId=7";
    assert.equal((await call(path)).status, 404);
    const file = join(rulesDir, "grocery.bakery.json");
    writeFileSync(file, JSON.stringify({ service: "grocery", feature: "bakery", limit: 10 }));
    await call("/v1/recommendations/_reload", "POST");
    const added = await call(path);
    assert.equal(added.status, 200);
    assert.deepEqual(
      (added.body as Recommendations).items,
      [],
      "the catalogue has no bakery items",
    );
    unlinkSync(file);
    await call("/v1/recommendations/_reload", "POST");
    assert.equal((await call(path)).status, 404);
  });
});
