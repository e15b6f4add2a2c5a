import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { approximateRange, predictEta } from "./eta-model.ts";
import type { ShopEtaProfile } from "./eta-model.ts";
import { haversineKm } from "./haversine.ts";
import type { TimeOfDay } from "./time-of-day.ts";

const shop: ShopEtaProfile = {
  shopId: 7,
  category: "pizza",
  region: "gangnam",
  location: { lat: 37.4979, lng: 127.0276 },
  trafficFactor: 1.3,
  prepMinutes: 12,
  open: true,
  mode: "auto",
  manualMinutes: null,
};
const afternoon: TimeOfDay = { period: "afternoon", factor: 1 };
const dinner: TimeOfDay = { period: "dinner-peak", factor: 1.35 };
const nearby = { lat: 37.5079, lng: 127.0376 };

describe("predictEta", () => {
  it("adds preparation, handover, travel and the model's adjustment, rounded up", () => {
    const prediction = predictEta(shop, nearby, afternoon);
    assert.equal(prediction.source, "auto");
    if (prediction.source !== "auto") return;
    const km = haversineKm(shop.location, nearby);
    const travel = ((km * 1.35) / 20) * 60 * 1.3;
    assert.equal(prediction.minutes, Math.ceil(12 + 3 + travel + 4));
    assert.equal(prediction.factors.modelAdjustmentMinutes, 4);
    assert.equal(prediction.factors.travelMinutes, Math.round(travel * 10) / 10);
    assert.equal(prediction.distanceKm, Math.round(km * 100) / 100);
  });

  it("is deterministic for the same inputs", () => {
    assert.deepEqual(predictEta(shop, nearby, afternoon), predictEta(shop, nearby, afternoon));
  });

  it("grows with distance, regional traffic and the dinner peak", () => {
    const base = predictEta(shop, nearby, afternoon).minutes;
    const far = predictEta(shop, { lat: 37.5579, lng: 127.0876 }, afternoon).minutes;
    const congested = predictEta({ ...shop, trafficFactor: 2 }, nearby, afternoon).minutes;
    const peak = predictEta(shop, { lat: 37.5579, lng: 127.0876 }, dinner).minutes;
    assert.ok(far > base, `${far} > ${base}`);
    assert.ok(congested > base, `${congested} > ${base}`);
    assert.ok(peak > far, `${peak} > ${far}`);
  });

  it("answers the owner's minutes in manual mode, whatever the distance", () => {
    const manual = { ...shop, mode: "manual" as const, manualMinutes: 35 };
    const near = predictEta(manual, nearby, dinner);
    const far = predictEta(manual, { lat: 37.6, lng: 127.2 }, dinner);
    assert.deepEqual(
      { source: near.source, minutes: near.minutes },
      { source: "manual", minutes: 35 },
    );
    assert.equal(far.minutes, 35);
    assert.ok(far.distanceKm > near.distanceKm);
  });

  it("falls back to the prediction when manual mode has no minutes", () => {
    assert.equal(predictEta({ ...shop, mode: "manual" }, nearby, afternoon).source, "auto");
  });
});

describe("approximateRange", () => {
  it("is a band in 5-minute steps around the estimate", () => {
    assert.deepEqual(approximateRange(31), { minMinutes: 25, maxMinutes: 40 });
    assert.deepEqual(approximateRange(20), { minMinutes: 15, maxMinutes: 25 });
  });

  it("always contains the estimate and is never empty", () => {
    for (let minutes = 1; minutes <= 240; minutes++) {
      const { minMinutes, maxMinutes } = approximateRange(minutes);
      assert.ok(
        minMinutes <= minutes && minutes <= maxMinutes,
        `${minutes}: ${minMinutes}..${maxMinutes}`,
      );
      assert.ok(maxMinutes > minMinutes, `${minutes}: ${minMinutes}..${maxMinutes}`);
    }
  });
});
