import { expect, test } from "../support/api-fixture.ts";
import { problemSchema } from "../support/problem-schema.ts";
import { freshDestination, getPrecise, getSettings } from "./eta-client.ts";

// Read-only: these tests use shops whose settings no other test changes (1–34).
const nearGangnam = { lat: 37.501, lng: 127.031 };

test.describe("precise ETA for the shop page and orders", () => {
  test("predicts from preparation, travel, handover and the model for an auto shop", async ({
    api,
  }) => {
    const before = Date.now();
    const { eta } = await getPrecise(api, { shopId: 6, ...nearGangnam });
    const after = Date.now();
    expect(eta.source).toBe("auto");
    if (eta.source !== "auto") return;
    const { prepMinutes, travelMinutes, handoverMinutes, modelAdjustmentMinutes } = eta.factors;
    const sum = prepMinutes + travelMinutes + handoverMinutes + modelAdjustmentMinutes;
    // Minutes are the sum rounded up; travel minutes are shown to one decimal.
    expect(eta.minutes).toBeGreaterThanOrEqual(Math.floor(sum));
    expect(eta.minutes).toBeLessThanOrEqual(Math.ceil(sum + 0.05));
    const arrival = Date.parse(eta.estimatedArrival) - eta.minutes * 60_000;
    expect(arrival).toBeGreaterThanOrEqual(before - 1_000);
    expect(arrival).toBeLessThanOrEqual(after + 1_000);
  });

  test("takes longer to a farther destination", async ({ api }) => {
    const near = await getPrecise(api, { shopId: 9, ...nearGangnam }); // a Gangnam shop
    const far = await getPrecise(api, { shopId: 9, lat: 37.45, lng: 126.7 }); // Incheon
    expect(far.eta.distanceKm).toBeGreaterThan(near.eta.distanceKm);
    expect(far.eta.minutes).toBeGreaterThan(near.eta.minutes);
  });

  test("answers the owner's minutes for a manual shop, whatever the distance", async ({ api }) => {
    const settings = await getSettings(api, 10);
    expect(settings.mode).toBe("manual");
    const near = await getPrecise(api, { shopId: 10, ...nearGangnam });
    const far = await getPrecise(api, { shopId: 10, lat: 37.6, lng: 127.1 });
    for (const { eta } of [near, far]) {
      expect(eta.source).toBe("manual");
      expect(eta.minutes).toBe(settings.manualMinutes);
      expect(eta).not.toHaveProperty("factors");
    }
  });

  test("serves a repeated request from the cache with a fresh arrival time", async ({ api }) => {
    const query = { shopId: 11, ...freshDestination(4) };
    const first = await getPrecise(api, query);
    const second = await getPrecise(api, query);
    expect(first.cache).toBe("MISS");
    expect(second.cache).toBe("HIT");
    const { estimatedArrival: firstArrival, ...firstRest } = first.eta;
    const { estimatedArrival: secondArrival, ...secondRest } = second.eta;
    expect(secondRest).toEqual(firstRest);
    expect(Date.parse(secondArrival)).toBeGreaterThanOrEqual(Date.parse(firstArrival));
  });

  test("answers 409 for a closed shop", async ({ api }) => {
    const response = await api.get("/v1/eta/precise", { params: { shopId: 34, ...nearGangnam } });
    expect(response.status()).toBe(409);
    expect(problemSchema.parse(await response.json()).title).toBe("Shop closed");
  });

  test("answers 404 for an unknown shop", async ({ api }) => {
    const response = await api.get("/v1/eta/precise", { params: { shopId: 4242, ...nearGangnam } });
    expect(response.status()).toBe(404);
    expect(problemSchema.parse(await response.json()).detail).toBe("No shop 4242");
  });

  test("rejects out-of-range coordinates and a non-numeric shop id, naming each", async ({
    api,
  }) => {
    const response = await api.get("/v1/eta/precise", {
      params: { shopId: "six", lat: "-91", lng: "181" },
    });
    expect(response.status()).toBe(400);
    const problem = problemSchema.parse(await response.json());
    expect(problem.errors).toEqual([
      { field: "lat", message: "must be between -90 and 90" },
      { field: "lng", message: "must be between -180 and 180" },
      { field: "shopId", message: "must be a positive integer" },
    ]);
  });
});
