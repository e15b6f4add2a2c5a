import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { CatalogItem } from "./recommendation-catalog.ts";
import { rankItems } from "./rule-engine.ts";
import type { ResolvedRule } from "./rule-schema.ts";

/** Ten items: popularity falls with the id, every fourth is out of stock. */
const items: CatalogItem[] = Array.from({ length: 10 }, (_, index) => ({
  id: index + 1,
  name: `item ${index + 1}`,
  status: (index + 1) % 4 === 0 ? "OUT_OF_STOCK" : "OK",
  price: 1_000 + ((index * 7) % 10) * 100,
  popularity: 100 - index,
}));

const base: ResolvedRule = {
  service: "grocery",
  feature: "fruit",
  limit: 5,
  sort: { by: "popularity", order: "desc" },
  filters: [],
  coldStart: { minSimilarMembers: 3 },
};
const ids = (ranked: ReturnType<typeof rankItems>) => ranked.map(({ item }) => item.id);

describe("rankItems", () => {
  it("sorts by the rule's key and cuts to the limit", () => {
    assert.deepEqual(
      ids(rankItems({ rule: base, candidates: items, recentDislikes: [] })),
      [1, 2, 3, 4, 5],
    );
    const byPrice = { ...base, sort: { by: "price", order: "asc" } } as const;
    const ranked = rankItems({ rule: byPrice, candidates: items, recentDislikes: [] });
    const prices = ranked.map(({ item }) => item.price);
    assert.deepEqual(
      prices,
      [...prices].sort((a, b) => a - b),
    );
  });

  it("removes only the N most recent dislikes and backfills to the limit", () => {
    const rule: ResolvedRule = {
      ...base,
      filters: [{ type: "recentDislikes", count: 2, mode: "remove" }],
    };
    // 2 and 1 are the two most recent; 3 is an older dislike and stays.
    const ranked = rankItems({ rule, candidates: items, recentDislikes: [2, 1, 3] });
    assert.deepEqual(ids(ranked), [3, 4, 5, 6, 7]);
  });

  it("keeps only the listed statuses", () => {
    const rule: ResolvedRule = {
      ...base,
      limit: 10,
      filters: [{ type: "status", keep: ["OK"], mode: "remove" }],
    };
    const ranked = rankItems({ rule, candidates: items, recentDislikes: [] });
    assert.deepEqual(ids(ranked), [1, 2, 3, 5, 6, 7, 9, 10]);
  });

  it("rolls penalised items to the end of the same page, keeping its members and size", () => {
    const rule: ResolvedRule = {
      ...base,
      filters: [{ type: "recentDislikes", count: 5, mode: "roll" }],
    };
    const ranked = rankItems({ rule, candidates: items, recentDislikes: [2, 9] });
    assert.deepEqual(ids(ranked), [1, 3, 4, 5, 2], "9 is not on the page, so it does not enter it");
    assert.deepEqual(
      ranked.map(({ penalties }) => penalties),
      [[], [], [], [], ["recentDislikes"]],
    );
  });

  it("lists every rolling filter that penalised an item", () => {
    const rule: ResolvedRule = {
      ...base,
      filters: [
        { type: "status", keep: ["OK"], mode: "roll" },
        { type: "recentDislikes", count: 1, mode: "roll" },
      ],
    };
    const ranked = rankItems({ rule, candidates: items, recentDislikes: [4] });
    assert.deepEqual(ids(ranked), [1, 2, 3, 5, 4]);
    assert.deepEqual(ranked.at(-1)?.penalties, ["status", "recentDislikes"]);
  });

  it("ranks a cold-start cohort's affinity before the rule's sort", () => {
    const affinity = new Map([
      [9, 3],
      [7, 1],
      [1, -2],
    ]);
    const ranked = rankItems({ rule: base, candidates: items, recentDislikes: [], affinity });
    assert.deepEqual(ids(ranked), [9, 7, 2, 3, 4]);
  });

  it("breaks ties on the item id so equal inputs give identical pages", () => {
    const tied = items.map((item) => ({ ...item, popularity: 1 }));
    const forward = rankItems({ rule: base, candidates: tied, recentDislikes: [] });
    const backward = rankItems({ rule: base, candidates: [...tied].reverse(), recentDislikes: [] });
    assert.deepEqual(ids(forward), [1, 2, 3, 4, 5]);
    assert.deepEqual(ids(backward), ids(forward));
  });
});
