import assert from "node:assert/strict";
import { mkdtempSync, renameSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, it } from "node:test";
import { RuleBook } from "./rule-book.ts";

const rule = (limit: number) => JSON.stringify({ service: "grocery", feature: "fruit", limit });

describe("RuleBook", () => {
  let dir: string;
  let warnings: string[];
  let now: number;
  const book = (checkIntervalMs = 0) =>
    new RuleBook({ dir, checkIntervalMs, log: (line) => warnings.push(line), now: () => now });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "qaops-rules-"));
    warnings = [];
    now = 0;
    writeFileSync(join(dir, "grocery.fruit.json"), rule(20));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("loads the folder's rule files and finds them by service and feature", () => {
    const rules = book();
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 20);
    assert.equal(rules.find("grocery", "meat"), undefined);
    assert.deepEqual(rules.state().errors, []);
  });

  // Each rewrite below changes the file's size, so the change shows even where mtimes are coarse.
  it("picks up a changed and a new file on the next lookup", () => {
    const rules = book();
    const before = rules.find("grocery", "fruit")?.version;
    writeFileSync(join(dir, "grocery.fruit.json"), rule(9));
    writeFileSync(join(dir, "grocery.snack.json"), rule(7).replace("fruit", "snack"));
    const after = rules.find("grocery", "fruit");
    assert.equal(after?.rule.limit, 9);
    assert.notEqual(after?.version, before);
    assert.equal(rules.find("grocery", "snack")?.rule.limit, 7);
  });

  it("checks the folder no more often than the interval", () => {
    const rules = book(1_000);
    writeFileSync(join(dir, "grocery.fruit.json"), rule(9));
    now = 999;
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 20);
    now = 1_000;
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 9);
  });

  it("keeps the last good version of a file that turns bad, and reports it once", () => {
    const rules = book();
    writeFileSync(join(dir, "grocery.fruit.json"), '{ "service": "grocery", "feature": "fruit", ');
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 20);
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 20);
    assert.equal(warnings.length, 1);
    assert.match(
      warnings[0] ?? "",
      /^warning: rules file grocery\.fruit\.json: invalid JSON: .*keeping its previous version$/,
    );
    assert.equal(rules.state().errors[0]?.file, "grocery.fruit.json");

    writeFileSync(join(dir, "grocery.fruit.json"), rule(0));
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 20);
    assert.match(rules.state().errors[0]?.message ?? "", /^limit: /);

    writeFileSync(join(dir, "grocery.fruit.json"), rule(19));
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 19);
    assert.deepEqual(rules.state().errors, []);
  });

  it("rejects a file whose name does not match its service and feature", () => {
    writeFileSync(join(dir, "grocery.veg.json"), rule(5));
    const rules = book();
    assert.deepEqual(rules.state().errors, [
      { file: "grocery.veg.json", message: "must be named grocery.fruit.json" },
    ]);
    assert.match(warnings[0] ?? "", /no rule loaded from it$/);
  });

  it("drops the rule of a removed file", () => {
    const rules = book();
    unlinkSync(join(dir, "grocery.fruit.json"));
    assert.equal(rules.find("grocery", "fruit"), undefined);
  });

  it("re-reads every file on an explicit reload, even with an unchanged signature", () => {
    const rules = book(60_000);
    writeFileSync(join(dir, "grocery.fruit.json"), rule(33));
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 20, "within the interval");
    const state = rules.reload();
    assert.equal(rules.find("grocery", "fruit")?.rule.limit, 33);
    assert.deepEqual(
      state.rules.map(({ service, feature, file }) => ({ service, feature, file })),
      [{ service: "grocery", feature: "fruit", file: "grocery.fruit.json" }],
    );
  });

  it("keeps the rules in force when the folder disappears, and fails fast if it is missing at start", () => {
    const rules = book();
    const moved = `${dir}-moved`;
    renameSync(dir, moved);
    try {
      assert.equal(rules.find("grocery", "fruit")?.rule.limit, 20);
      assert.equal(rules.find("grocery", "fruit")?.rule.limit, 20);
      assert.equal(warnings.length, 1, "reported once");
      assert.throws(() => book(), /rules directory .* cannot be read/);
    } finally {
      renameSync(moved, dir);
    }
  });
});
