import { haversineKm } from "./haversine.ts";
import type { GeoPoint } from "./haversine.ts";
import type { DayPeriod, TimeOfDay } from "./time-of-day.ts";

export type EtaMode = "auto" | "manual";

/** What the prediction needs to know about one shop: its owner's settings and its geography. */
export interface ShopEtaProfile {
  shopId: number;
  category: string;
  region: string;
  location: GeoPoint;
  /** The region's congestion, from the catalogue (1 = free-flowing). */
  trafficFactor: number;
  prepMinutes: number;
  open: boolean;
  mode: EtaMode;
  manualMinutes: number | null;
}

export interface AutoEtaFactors {
  prepMinutes: number;
  travelMinutes: number;
  handoverMinutes: number;
  modelAdjustmentMinutes: number;
  trafficFactor: number;
  timeOfDay: DayPeriod;
  timeOfDayFactor: number;
}

export type EtaPrediction =
  | { source: "manual"; minutes: number; distanceKm: number }
  | { source: "auto"; minutes: number; distanceKm: number; factors: AutoEtaFactors };

/** Roads are longer than the straight line; a courier averages this speed on them. */
const roadDetourFactor = 1.35;
const courierSpeedKmh = 20;
const handoverMinutes = 3;

/**
 * Stands in for the ML model: fixed per-category residuals (minutes the geography estimate is
 * usually off by), so predictions stay deterministic.
 */
const categoryAdjustmentMinutes: Readonly<Record<string, number>> = {
  korean: 1,
  chicken: 3,
  pizza: 4,
  bunsik: -1,
  cafe: -2,
  japanese: 2,
};

/**
 * The BFF's decision: the owner's manual minutes when the shop is set to manual, otherwise
 * preparation + travel (distance, regional traffic, time of day) + the model's adjustment.
 */
export function predictEta(
  shop: ShopEtaProfile,
  destination: GeoPoint,
  time: TimeOfDay,
): EtaPrediction {
  const distanceKm = haversineKm(shop.location, destination);
  const roundedKm = Math.round(distanceKm * 100) / 100;
  if (shop.mode === "manual" && shop.manualMinutes !== null) {
    return { source: "manual", minutes: shop.manualMinutes, distanceKm: roundedKm };
  }
  const travelMinutes =
    ((distanceKm * roadDetourFactor) / courierSpeedKmh) * 60 * shop.trafficFactor * time.factor;
  const modelAdjustmentMinutes = categoryAdjustmentMinutes[shop.category] ?? 0;
  const total = shop.prepMinutes + handoverMinutes + travelMinutes + modelAdjustmentMinutes;
  return {
    source: "auto",
    minutes: Math.max(1, Math.ceil(total)),
    distanceKm: roundedKm,
    factors: {
      prepMinutes: shop.prepMinutes,
      travelMinutes: Math.round(travelMinutes * 10) / 10,
      handoverMinutes,
      modelAdjustmentMinutes,
      trafficFactor: shop.trafficFactor,
      timeOfDay: time.period,
      timeOfDayFactor: time.factor,
    },
  };
}

export interface EtaRange {
  minMinutes: number;
  maxMinutes: number;
}

/** Shop lists show a band in 5-minute steps that always contains the point estimate. */
export function approximateRange(minutes: number): EtaRange {
  const minMinutes = Math.max(5, Math.floor((minutes * 0.9) / 5) * 5);
  const upper = Math.ceil((minutes * 1.15) / 5) * 5;
  return { minMinutes: Math.min(minMinutes, minutes), maxMinutes: Math.max(upper, minMinutes + 5) };
}
