import { expect, test } from "../support/api-fixture.ts";
import { problemSchema } from "../support/problem-schema.ts";
import { freshDestination, getPrecise, getSettings, putSettings } from "./eta-client.ts";
import type { EtaSettings } from "./schemas.ts";

// Each test that changes settings owns its shop (41, 43, 45, 47) and restores it, because tests
// run in parallel against one platform.
async function withSettingsRestored(
  api: Parameters<typeof getSettings>[0],
  shopId: number,
  body: (original: EtaSettings) => Promise<void>,
): Promise<void> {
  const original = await getSettings(api, shopId);
  try {
    await body(original);
  } finally {
    await putSettings(api, shopId, { mode: original.mode, manualMinutes: original.manualMinutes });
  }
}

test.describe("shop ETA settings", () => {
  test("reads the owner's settings", async ({ api }) => {
    const manual = await getSettings(api, 10);
    expect(manual).toMatchObject({ shopId: 10, mode: "manual", open: true });
    expect(manual.manualMinutes).toBeGreaterThan(0);
    const auto = await getSettings(api, 6);
    expect(auto).toMatchObject({ shopId: 6, mode: "auto", manualMinutes: null });
  });

  test("manual minutes become the answer, and auto brings the prediction back", async ({ api }) => {
    await withSettingsRestored(api, 41, async (original) => {
      expect(original.mode).toBe("auto");
      const destination = { lat: 37.52, lng: 127.05 };
      const predicted = await getPrecise(api, { shopId: 41, ...destination });
      expect(predicted.eta.source).toBe("auto");
      const manualMinutes = predicted.eta.minutes + 17;

      const saved = await putSettings(api, 41, { mode: "manual", manualMinutes });
      expect(saved).toMatchObject({ mode: "manual", manualMinutes });
      const manual = await getPrecise(api, { shopId: 41, ...destination });
      expect(manual.eta).toMatchObject({ source: "manual", minutes: manualMinutes });

      await putSettings(api, 41, { mode: "auto", manualMinutes: null });
      const back = await getPrecise(api, { shopId: 41, ...destination });
      expect(back.eta.source).toBe("auto");
      expect(back.eta.minutes).toBe(predicted.eta.minutes);
    });
  });

  test("switching a manual shop to auto keeps its stored minutes for later", async ({ api }) => {
    await withSettingsRestored(api, 45, async (original) => {
      expect(original.mode).toBe("manual");
      const saved = await putSettings(api, 45, { mode: "auto" });
      expect(saved).toMatchObject({ mode: "auto", manualMinutes: original.manualMinutes });
      const { eta } = await getPrecise(api, { shopId: 45, lat: 37.51, lng: 127.1 });
      expect(eta.source).toBe("auto");
      expect(await getSettings(api, 45)).toEqual(saved);
    });
  });

  test("a settings change invalidates the cached ETAs of that shop", async ({ api }) => {
    await withSettingsRestored(api, 43, async () => {
      const query = { shopId: 43, ...freshDestination(4) };
      expect((await getPrecise(api, query)).cache).toBe("MISS");
      expect((await getPrecise(api, query)).cache).toBe("HIT");
      await putSettings(api, 43, { mode: "manual", manualMinutes: 50 });
      const changed = await getPrecise(api, query);
      expect(changed.cache).toBe("MISS");
      expect(changed.eta).toMatchObject({ source: "manual", minutes: 50 });
      expect((await getPrecise(api, query)).cache).toBe("HIT");
    });
  });

  test("rejects invalid settings, naming the field, and changes nothing", async ({ api }) => {
    const before = await getSettings(api, 47);
    const cases: { data: unknown; field: string }[] = [
      { data: { mode: "manual" }, field: "manualMinutes" },
      { data: { mode: "manual", manualMinutes: 3 }, field: "manualMinutes" },
      { data: { mode: "fast" }, field: "mode" },
      { data: { mode: "auto", speed: 2 }, field: "speed" },
    ];
    for (const { data, field } of cases) {
      const response = await api.put("/v1/shops/47/eta-settings", { data });
      expect(response.status(), JSON.stringify(data)).toBe(400);
      const problem = problemSchema.parse(await response.json());
      const fields = problem.errors?.map((error) => error.field) ?? [];
      expect(fields, JSON.stringify(data)).toContain(field);
    }
    expect(await getSettings(api, 47)).toEqual(before);
  });

  test("answers 404 for an unknown shop's settings", async ({ api }) => {
    const read = await api.get("/v1/shops/4242/eta-settings");
    expect(read.status()).toBe(404);
    const write = await api.put("/v1/shops/4242/eta-settings", { data: { mode: "auto" } });
    expect(write.status()).toBe(404);
    expect(problemSchema.parse(await write.json()).title).toBe("Shop not found");
  });
});
