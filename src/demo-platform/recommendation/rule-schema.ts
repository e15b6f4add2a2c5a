import { z } from "zod";

const itemStatuses = ["OK", "OUT_OF_STOCK", "DISCONTINUED"] as const;
export type ItemStatus = (typeof itemStatuses)[number];

export type AbBucket = "A" | "B";

/** `remove` drops a penalised item; `roll` keeps it but moves it to the end of the page. */
const filterMode = z.enum(["remove", "roll"]).default("remove");

const filterSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("recentDislikes"),
    /** How many of the member's most recent dislikes in this feature are penalised. */
    count: z.int().min(1).max(50),
    mode: filterMode,
  }),
  z.strictObject({
    type: z.literal("status"),
    /** Items whose status is not listed are penalised. */
    keep: z.array(z.enum(itemStatuses)).min(1),
    mode: filterMode,
  }),
]);
export type RuleFilter = z.infer<typeof filterSchema>;
export type RuleFilterType = RuleFilter["type"];

const sortSchema = z.strictObject({
  by: z.enum(["popularity", "price", "name"]),
  order: z.enum(["asc", "desc"]),
});
export type RuleSort = z.infer<typeof sortSchema>;

const slug = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, "must be a lower-case slug, e.g. fruit");

/** What an A/B bucket may change; anything left out is the base rule's. */
const variantSchema = z.strictObject({
  limit: z.int().min(1).max(100).optional(),
  sort: sortSchema.optional(),
  filters: z.array(filterSchema).max(10).optional(),
});

/** One file per service and feature, named `<service>.<feature>.json`. */
export const ruleSchema = z.strictObject({
  service: slug,
  feature: slug,
  description: z.string().max(500).optional(),
  limit: z.int().min(1).max(100),
  sort: sortSchema.default({ by: "popularity", order: "desc" }),
  filters: z.array(filterSchema).max(10).default([]),
  coldStart: z
    .strictObject({
      /** Fewer similar members than this widens the cohort (age band + region → region → all). */
      minSimilarMembers: z.int().min(1).max(1_000),
    })
    .default({ minSimilarMembers: 3 }),
  variants: z
    .strictObject({ A: variantSchema.optional(), B: variantSchema.optional() })
    .default({}),
});
export type Rule = z.infer<typeof ruleSchema>;

/** The rule a request runs: the base with its bucket's variant applied. */
export interface ResolvedRule {
  service: string;
  feature: string;
  limit: number;
  sort: RuleSort;
  filters: RuleFilter[];
  coldStart: Rule["coldStart"];
}

export function resolveForBucket(rule: Rule, bucket: AbBucket): ResolvedRule {
  const variant = rule.variants[bucket] ?? {};
  return {
    service: rule.service,
    feature: rule.feature,
    limit: variant.limit ?? rule.limit,
    sort: variant.sort ?? rule.sort,
    filters: variant.filters ?? rule.filters,
    coldStart: rule.coldStart,
  };
}
