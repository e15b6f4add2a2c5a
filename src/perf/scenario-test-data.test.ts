import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { after, describe, it } from "node:test";
import { openCatalog } from "../demo-platform/catalog/catalog-database.ts";
import { defaultRulesDir } from "../demo-platform/platform.ts";

// The load scenarios' data (tests/perf/data/) must name things the demo platform has,
// or a load run measures 404s and 422s instead of the services.
const dataDir = new URL("../../tests/perf/data/", import.meta.url);
const read = <T>(file: string) => JSON.parse(readFileSync(new URL(file, dataDir), "utf8")) as T;

const catalog = openCatalog();
after(() => catalog.close());

describe("load scenario data against the demo catalogue", () => {
  it("orders only from open shops, with available items of that shop", () => {
    const shops = read<{ shopId: number; menuItemIds: number[] }[]>("shops.json");
    assert.ok(shops.length > 10);
    const shopRow = catalog.prepare("SELECT open FROM shops WHERE id = ?");
    const itemRow = catalog.prepare("SELECT shop_id, available FROM menu_items WHERE id = ?");
    for (const shop of shops) {
      assert.deepEqual({ ...shopRow.get(shop.shopId) }, { open: 1 }, `shop ${shop.shopId}`);
      assert.ok(shop.menuItemIds.length > 0);
      for (const id of shop.menuItemIds) {
        assert.deepEqual(
          { ...itemRow.get(id) },
          { shop_id: shop.shopId, available: 1 },
          `item ${id}`,
        );
      }
    }
  });

  it("acts as members that exist, warm and cold-start alike", () => {
    const members = read<{ memberId: number }[]>("members.json");
    const count = catalog.prepare("SELECT count(*) AS n FROM members").get() as { n: number };
    assert.equal(members.length, count.n);
    const withHistory = catalog
      .prepare("SELECT count(DISTINCT member_id) AS n FROM member_feedback")
      .get() as { n: number };
    assert.ok(withHistory.n > 0 && withHistory.n < members.length, "both kinds are drawn");
  });

  it("asks for recommendation slots that have a rule schema", () => {
    const slots = read<{ service: string; feature: string }[]>("recommendation-slots.json");
    const rules = new Set(readdirSync(defaultRulesDir).filter((f) => f.endsWith(".json")));
    for (const slot of slots)
      assert.ok(
        rules.has(`${slot.service}.${slot.feature}.json`),
        `${slot.service}/${slot.feature}`,
      );
  });
});
