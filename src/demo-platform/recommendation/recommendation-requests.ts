import { z } from "zod";
import type { FieldError } from "../http/reply.ts";

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

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export function parseWith<T>(schema: z.ZodType<T>, input: unknown): Parsed<T> {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: issue.path.join(".") || "query",
      message: issue.message,
    })),
  };
}

/** The first value of each named query parameter; absent ones stay undefined. */
export function queryValues(
  url: URL,
  names: readonly string[],
): Record<string, string | undefined> {
  return Object.fromEntries(names.map((name) => [name, url.searchParams.get(name) ?? undefined]));
}
