import { expect, test } from "../support/api-fixture.ts";
import { problemSchema } from "../support/problem-schema.ts";
import { getRecommendations, recentDislikes } from "./recommendation-client.ts";
import type { RecommendedItem } from "./recommendation-client.ts";
import { rulesStateSchema } from "./schemas.ts";

const fruit = { service: "grocery", feature: "fruit" };
const snack = { service: "grocery", feature: "snack" };

function expectSorted(
  items: RecommendedItem[],
  key: "popularity" | "price",
  order: "asc" | "desc",
) {
  const values = items.map((item) => item[key]);
  const sorted = [...values].sort((a, b) => (order === "asc" ? a - b : b - a));
  expect(values, `${key} ${order}`).toEqual(sorted);
}

/** The first member (from 1, at most 40 tried) whose answer satisfies `wanted`. */
async function findMember<T>(
  wanted: (memberId: number) => Promise<T | undefined>,
): Promise<{ memberId: number; found: T }> {
  for (let memberId = 1; memberId <= 40; memberId++) {
    const found = await wanted(memberId);
    if (found !== undefined) return { memberId, found };
  }
  throw new Error("no member among 1–40 matches; the seeded catalogue changed");
}

test.describe("recommendation rules", () => {
  test("grocery/fruit returns 20 in-stock items, most popular first", async ({ api }) => {
    const { body, bucketHeader } = await getRecommendations(api, { ...fruit, memberId: 12 });
    expect(body.items).toHaveLength(20);
    expect(body.meta).toMatchObject({
      count: 20,
      strategy: "personalized",
      cohort: null,
      limit: 20,
    });
    expect(body.items.map((item) => item.rank)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    expect(new Set(body.items.map((item) => item.status))).toEqual(new Set(["OK"]));
    expectSorted(body.items, "popularity", "desc");
    expect(bucketHeader).toBe(body.meta.bucket);
  });

  test("grocery/fruit drops exactly the 5 most recent dislikes, not older ones", async ({
    api,
  }) => {
    // Popularity is global: what members' pages show of an item holds for every member.
    const popularity = new Map<number, number>();
    for (let memberId = 101; memberId <= 110; memberId++) {
      const { body } = await getRecommendations(api, { ...fruit, memberId });
      for (const item of body.items) popularity.set(item.id, item.popularity);
    }
    // A member whose 5th most recent dislike is an in-stock item popular enough for the page:
    // it is missing only because the rule dropped it.
    const { found } = await findMember(async (memberId) => {
      const dislikes = await recentDislikes(api, { ...fruit, memberId, count: 6 });
      const { body } = await getRecommendations(api, { ...fruit, memberId });
      const cut = Math.min(...body.items.map((item) => item.popularity));
      const abovePage = (id: number | undefined) => (popularity.get(id ?? 0) ?? 0) > cut;
      return abovePage(dislikes[4]) ? { dislikes, body, abovePage } : undefined;
    });
    const returned = new Set(found.body.items.map((item) => item.id));
    for (const id of found.dislikes.slice(0, 5)) {
      expect(returned.has(id), `recent dislike ${id}`).toBe(false);
    }
    const sixth = found.dislikes[5];
    if (sixth !== undefined && found.abovePage(sixth)) {
      expect(returned.has(sixth), `older dislike ${sixth} stays`).toBe(true);
    }
    expect(found.body.items).toHaveLength(20);
  });

  test("grocery/snack rolls recent dislikes to the end instead of dropping them", async ({
    api,
  }) => {
    const { memberId, found } = await findMember(async (memberId) => {
      const { body } = await getRecommendations(api, { ...snack, memberId });
      return body.items.some((item) => item.penalties.length > 0) ? body : undefined;
    });
    const dislikes = new Set(await recentDislikes(api, { ...snack, memberId, count: 5 }));
    expect(found.items).toHaveLength(20);
    const firstPenalised = found.items.findIndex((item) => item.penalties.length > 0);
    const kept = found.items.slice(0, firstPenalised);
    const rolled = found.items.slice(firstPenalised);
    for (const item of rolled) {
      expect(item.penalties).toEqual(["recentDislikes"]);
      expect(dislikes.has(item.id), `rolled item ${item.id} is a recent dislike`).toBe(true);
    }
    for (const item of kept) expect(dislikes.has(item.id), `kept item ${item.id}`).toBe(false);
    expectSorted(kept, "popularity", "desc");
    expectSorted(rolled, "popularity", "desc");
    expect(new Set(found.items.map((item) => item.status))).toEqual(new Set(["OK"]));
  });

  test("grocery/vegetable returns 15 in-stock items without the 3 most recent dislikes", async ({
    api,
  }) => {
    const vegetable = { service: "grocery", feature: "vegetable", memberId: 21 };
    const { body } = await getRecommendations(api, vegetable);
    const dislikes = await recentDislikes(api, { ...vegetable, count: 3 });
    expect(body.items).toHaveLength(15);
    expect(body.items.every((item) => item.status === "OK")).toBe(true);
    const returned = new Set(body.items.map((item) => item.id));
    expect(dislikes.filter((id) => returned.has(id))).toEqual([]);
  });

  test("food/home drops discontinued items, rolls out-of-stock ones last, and B sorts by price", async ({
    api,
  }) => {
    const home = { service: "food", feature: "home" };
    const byBucket = new Map<string, Awaited<ReturnType<typeof getRecommendations>>["body"]>();
    for (let memberId = 1; memberId <= 20 && byBucket.size < 2; memberId++) {
      const { body } = await getRecommendations(api, { ...home, memberId });
      if (!byBucket.has(body.meta.bucket)) byBucket.set(body.meta.bucket, body);
    }
    const a = byBucket.get("A");
    const b = byBucket.get("B");
    expect(a && b, "members 1–20 include both buckets").toBeTruthy();
    for (const body of [a!, b!]) {
      expect(body.items).toHaveLength(20);
      expect(body.items.some((item) => item.status === "DISCONTINUED")).toBe(false);
      const statuses = body.items.map((item) => item.status);
      const firstOut = statuses.indexOf("OUT_OF_STOCK");
      if (firstOut !== -1)
        expect(statuses.slice(firstOut).every((s) => s === "OUT_OF_STOCK")).toBe(true);
      for (const item of body.items) {
        expect(item.penalties).toEqual(item.status === "OUT_OF_STOCK" ? ["status"] : []);
      }
    }
    const inStock = (items: RecommendedItem[]) => items.filter((item) => item.status === "OK");
    expect(a!.meta.sort).toEqual({ by: "popularity", order: "desc" });
    expectSorted(inStock(a!.items), "popularity", "desc");
    expect(b!.meta.sort).toEqual({ by: "price", order: "asc" });
    expectSorted(inStock(b!.items), "price", "asc");
  });

  test("answers 404 for a feature or a service without a rule schema", async ({ api }) => {
    for (const path of ["/v1/recommendations/grocery/meat", "/v1/recommendations/pharmacy/fruit"]) {
      const response = await api.get(path, { params: { memberId: 1 } });
      expect(response.status(), path).toBe(404);
      expect(response.headers()["content-type"]).toContain("application/problem+json");
      expect(problemSchema.parse(await response.json()).title).toBe("No recommendation rules");
    }
  });

  test("lists the loaded rule files with their versions and no errors", async ({ api }) => {
    const response = await api.get("/v1/recommendations/_rules");
    expect(response.status()).toBe(200);
    const state = rulesStateSchema.parse(await response.json());
    expect(state.errors).toEqual([]);
    expect(state.rules.map((rule) => `${rule.service}/${rule.feature}`).sort()).toEqual([
      "food/home",
      "grocery/fruit",
      "grocery/snack",
      "grocery/vegetable",
    ]);
    const { body } = await getRecommendations(api, { ...fruit, memberId: 3 });
    const fruitRule = state.rules.find((rule) => rule.file === "grocery.fruit.json");
    expect(body.meta.ruleVersion).toBe(fruitRule?.version);
  });
});
