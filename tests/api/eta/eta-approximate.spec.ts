import { expect, test } from "../support/api-fixture.ts";
import { problemSchema } from "../support/problem-schema.ts";
import { freshDestination, getPrecise } from "./eta-client.ts";
import { approximateEtaSchema, cacheHeaderSchema } from "./schemas.ts";

// Read-only: these tests use shops whose settings no other test changes (1–17).
const gangnamStation = { lat: 37.4979, lng: 127.0276 };

test.describe("approximate ETA for shop lists", () => {
  test("answers a 5-minute band per shop, in the order asked, for the location's cell", async ({
    api,
  }) => {
    const response = await api.get("/v1/eta/approximate", {
      params: { ...gangnamStation, shopIds: "3,1,2" },
    });
    expect(response.status()).toBe(200);
    const body = approximateEtaSchema.parse(await response.json());
    expect(body.location).toEqual({ lat: 37.5, lng: 127.03 });
    expect(body.etas.map((eta) => eta.shopId)).toEqual([3, 1, 2]);
    for (const eta of body.etas) {
      expect(eta.maxMinutes).toBeGreaterThan(eta.minMinutes);
      expect(eta.minMinutes % 5, `shop ${eta.shopId}`).toBe(0);
      expect(eta.maxMinutes % 5, `shop ${eta.shopId}`).toBe(0);
    }
  });

  test("gives a far shop a later band than a near one", async ({ api }) => {
    const response = await api.get("/v1/eta/approximate", {
      params: { ...gangnamStation, shopIds: "1,2" },
    });
    const { etas } = approximateEtaSchema.parse(await response.json());
    const [near, far] = etas;
    expect(near?.source).toBe("auto");
    expect(far?.source).toBe("auto");
    expect(far!.distanceKm).toBeGreaterThan(near!.distanceKm + 5);
    expect(far!.minMinutes).toBeGreaterThan(near!.maxMinutes);
  });

  test("brackets the precise ETA for the same point", async ({ api }) => {
    const point = { lat: 37.51, lng: 127.04 }; // on the 0.01° grid, so both kinds use this point
    const response = await api.get("/v1/eta/approximate", { params: { ...point, shopIds: "6" } });
    const [band] = approximateEtaSchema.parse(await response.json()).etas;
    const { eta } = await getPrecise(api, { shopId: 6, ...point });
    expect(band?.distanceKm).toBe(eta.distanceKm);
    expect(eta.minutes).toBeGreaterThanOrEqual(band!.minMinutes);
    expect(eta.minutes).toBeLessThanOrEqual(band!.maxMinutes);
  });

  test("keeps a closed shop in the list, marked closed", async ({ api }) => {
    const response = await api.get("/v1/eta/approximate", {
      params: { ...gangnamStation, shopIds: "16,17" },
    });
    const { etas } = approximateEtaSchema.parse(await response.json());
    expect(etas.map(({ shopId, open }) => ({ shopId, open }))).toEqual([
      { shopId: 16, open: true },
      { shopId: 17, open: false },
    ]);
  });

  test("serves a repeated request from the cache", async ({ api }) => {
    const params = { ...freshDestination(2), shopIds: "4,5" };
    const first = await api.get("/v1/eta/approximate", { params });
    const second = await api.get("/v1/eta/approximate", { params });
    expect(cacheHeaderSchema.parse(first.headers()["x-cache"])).toBe("MISS");
    expect(cacheHeaderSchema.parse(second.headers()["x-cache"])).toBe("HIT");
    expect(await second.json()).toEqual(await first.json());
  });

  test("says PARTIAL when only some shops were cached", async ({ api }) => {
    const destination = freshDestination(2);
    await api.get("/v1/eta/approximate", { params: { ...destination, shopIds: "8" } });
    const mixed = await api.get("/v1/eta/approximate", {
      params: { ...destination, shopIds: "8,9" },
    });
    expect(mixed.status()).toBe(200);
    expect(mixed.headers()["x-cache"]).toBe("PARTIAL");
  });

  test("answers 404 naming every unknown shop", async ({ api }) => {
    const response = await api.get("/v1/eta/approximate", {
      params: { ...gangnamStation, shopIds: "1,9998,9999" },
    });
    expect(response.status()).toBe(404);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    const problem = problemSchema.parse(await response.json());
    expect(problem.detail).toContain("9998, 9999");
    expect(problem.detail).not.toContain("1,");
  });

  const badQueries: { name: string; params: Record<string, string>; fields: string[] }[] = [
    { name: "a missing latitude", params: { lng: "127", shopIds: "1" }, fields: ["lat"] },
    {
      name: "a non-numeric longitude",
      params: { lat: "37.5", lng: "east", shopIds: "1" },
      fields: ["lng"],
    },
    {
      name: "a latitude beyond 90",
      params: { lat: "91", lng: "127", shopIds: "1" },
      fields: ["lat"],
    },
    {
      name: "a malformed shop list",
      params: { lat: "37.5", lng: "127", shopIds: "1,,2" },
      fields: ["shopIds"],
    },
    { name: "no parameters at all", params: {}, fields: ["lat", "lng", "shopIds"] },
  ];
  for (const { name, params, fields } of badQueries) {
    test(`rejects ${name} with a field error`, async ({ api }) => {
      const response = await api.get("/v1/eta/approximate", { params });
      expect(response.status()).toBe(400);
      const problem = problemSchema.parse(await response.json());
      expect(problem.errors?.map((error) => error.field)).toEqual(fields);
    });
  }
});
