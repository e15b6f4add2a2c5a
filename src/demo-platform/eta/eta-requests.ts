import { z } from "zod";

/** Query and path values arrive as strings; each parser names the parameter it rejects. */
const required = { error: "is required" } as const;

function decimal(min: number, max: number) {
  return z
    .string(required)
    .trim()
    .regex(/^[-+]?\d+(\.\d+)?$/, "must be a decimal number")
    .transform(Number)
    .refine((value) => value >= min && value <= max, `must be between ${min} and ${max}`);
}

const shopId = z
  .string(required)
  .regex(/^\d{1,9}$/, "must be a positive integer")
  .transform(Number)
  .refine((value) => value >= 1, "must be a positive integer");

const maxShopsPerRequest = 50;

const shopIds = z
  .string(required)
  .regex(/^\d{1,9}(,\d{1,9})*$/, "must be comma-separated shop ids, e.g. 1,2,3")
  .transform((list) => [...new Set(list.split(",").map(Number))])
  .refine((ids) => ids.every((id) => id >= 1), "shop ids are positive integers")
  .refine((ids) => ids.length <= maxShopsPerRequest, `at most ${maxShopsPerRequest} shops`);

const destination = { lat: decimal(-90, 90), lng: decimal(-180, 180) };

export const approximateQuerySchema = z.object({ ...destination, shopIds });
export const preciseQuerySchema = z.object({ ...destination, shopId });
export const shopPathSchema = z.object({ shopId });

export const etaSettingsBodySchema = z
  .strictObject({
    mode: z.enum(["auto", "manual"], { error: 'must be "auto" or "manual"' }),
    /** Omitted keeps the stored minutes; null clears them (auto mode only). */
    manualMinutes: z.int().min(5).max(180).nullable().optional(),
  })
  .superRefine((body, context) => {
    if (body.mode === "manual" && body.manualMinutes == null) {
      context.addIssue({
        code: "custom",
        path: ["manualMinutes"],
        message: "is required when mode is manual",
      });
    }
  });
