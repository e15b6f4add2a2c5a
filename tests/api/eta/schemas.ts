import { z } from "zod";

const geoPoint = z.strictObject({
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
});
const dayPeriod = z.enum(["night", "morning", "lunch-peak", "afternoon", "dinner-peak", "evening"]);
const minutes = z.int().positive();

export const approximateEtaSchema = z.strictObject({
  kind: z.literal("approximate"),
  location: geoPoint,
  timeOfDay: dayPeriod,
  etas: z.array(
    z.strictObject({
      shopId: z.int().positive(),
      open: z.boolean(),
      source: z.enum(["auto", "manual"]),
      minMinutes: minutes,
      maxMinutes: minutes,
      distanceKm: z.number().nonnegative(),
    }),
  ),
});

const preciseCommon = {
  kind: z.literal("precise"),
  shopId: z.int().positive(),
  region: z.string().min(1),
  destination: geoPoint,
  minutes,
  distanceKm: z.number().nonnegative(),
  estimatedArrival: z.iso.datetime(),
};

export const preciseEtaSchema = z.discriminatedUnion("source", [
  z.strictObject({
    ...preciseCommon,
    source: z.literal("auto"),
    factors: z.strictObject({
      prepMinutes: minutes,
      travelMinutes: z.number().nonnegative(),
      handoverMinutes: z.number().nonnegative(),
      modelAdjustmentMinutes: z.number(),
      trafficFactor: z.number().positive(),
      timeOfDay: dayPeriod,
      timeOfDayFactor: z.number().positive(),
    }),
  }),
  z.strictObject({ ...preciseCommon, source: z.literal("manual") }),
]);
export type PreciseEta = z.infer<typeof preciseEtaSchema>;

export const etaSettingsSchema = z.strictObject({
  shopId: z.int().positive(),
  mode: z.enum(["auto", "manual"]),
  manualMinutes: z.int().nullable(),
  prepMinutes: minutes,
  open: z.boolean(),
});
export type EtaSettings = z.infer<typeof etaSettingsSchema>;

export const cacheHeaderSchema = z.enum(["HIT", "MISS", "PARTIAL"]);
