import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { resolveForBucket, ruleSchema } from "./rule-schema.ts";

const shippedRulesDir = new URL("./rules/", import.meta.url);

describe("ruleSchema", () => {
  it("accepts every shipped rule file, each named after its service and feature", () => {
    const files = readdirSync(shippedRulesDir).filter((name) => name.endsWith(".json"));
    assert.deepEqual(files.sort(), [
      "food.home.json",
      "grocery.fruit.json",
      "grocery.snack.json",
      "grocery.vegetable.json",
    ]);
    for (const file of files) {
      const rule = ruleSchema.parse(
        JSON.parse(readFileSync(new URL(file, shippedRulesDir), "utf8")),
      );
      assert.equal(`${rule.service}.${rule.feature}.json`, file);
    }
  });

  it("fills defaults for sort, filters, cold start and variants", () => {
    const rule = ruleSchema.parse({ service: "grocery", feature: "fruit", limit: 20 });
    assert.deepEqual(rule.sort, { by: "popularity", order: "desc" });
    assert.deepEqual(rule.filters, []);
    assert.deepEqual(rule.coldStart, { minSimilarMembers: 3 });
    assert.deepEqual(rule.variants, {});
  });

  it("names the offending field of a bad rule", () => {
    const result = ruleSchema.safeParse({
      service: "grocery",
      feature: "fruit",
      limit: 500,
      filters: [{ type: "recentDislikes", count: 5, mode: "hide" }],
      colour: "red",
    });
    assert.equal(result.success, false);
    const paths = result.error?.issues.map((issue) => issue.path.join(".")).sort();
    assert.deepEqual(paths, ["", "filters.0.mode", "limit"]);
  });

  it("applies a bucket's variant over the base rule", () => {
    const rule = ruleSchema.parse({
      service: "food",
      feature: "home",
      limit: 20,
      variants: { B: { sort: { by: "price", order: "asc" } } },
    });
    assert.deepEqual(resolveForBucket(rule, "A").sort, { by: "popularity", order: "desc" });
    assert.deepEqual(resolveForBucket(rule, "B").sort, { by: "price", order: "asc" });
    assert.equal(resolveForBucket(rule, "B").limit, 20);
  });
});
