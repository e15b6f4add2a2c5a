import { z } from "zod";

const memberId = z
  .string({ error: "is required" })
  .regex(/^\d{1,9}$/, "must be a positive integer")
  .transform(Number)
  .refine((value) => value >= 1, "must be a positive integer");

export const recommendationQuerySchema = z.object({ memberId });

export const feedbackRequestSchema = z.object({
  memberId,
  service: z.string().optional(),
  feature: z.string().optional(),
  kind: z.enum(["like", "dislike"], { error: 'must be "like" or "dislike"' }).optional(),
});
