import { z } from "zod";

const status = z.enum(["OK", "OUT_OF_STOCK", "DISCONTINUED"]);
const bucket = z.enum(["A", "B"]);

export const recommendationsSchema = z.strictObject({
  service: z.string(),
  feature: z.string(),
  memberId: z.int().positive(),
  items: z.array(
    z.strictObject({
      rank: z.int().positive(),
      id: z.int().positive(),
      name: z.string().min(1),
      status,
      price: z.int().nonnegative(),
      popularity: z.int().nonnegative(),
      penalties: z.array(z.enum(["recentDislikes", "status"])),
    }),
  ),
  meta: z.strictObject({
    count: z.int().nonnegative(),
    strategy: z.enum(["personalized", "similar-members"]),
    cohort: z
      .strictObject({
        ageBand: z.string().nullable(),
        region: z.string().nullable(),
        members: z.int().nonnegative(),
      })
      .nullable(),
    bucket,
    ruleVersion: z.string().regex(/^[0-9a-f]{12}$/),
    sort: z.strictObject({
      by: z.enum(["popularity", "price", "name"]),
      order: z.enum(["asc", "desc"]),
    }),
    limit: z.int().positive(),
  }),
});
export type Recommendations = z.infer<typeof recommendationsSchema>;
export type RecommendedItem = Recommendations["items"][number];

export const memberFeedbackSchema = z.strictObject({
  memberId: z.int().positive(),
  ageBand: z.string(),
  region: z.string(),
  coldStart: z.boolean(),
  feedback: z.array(
    z.strictObject({
      itemId: z.int().positive(),
      service: z.string(),
      feature: z.string(),
      kind: z.enum(["like", "dislike"]),
      at: z.iso.datetime(),
    }),
  ),
});
export type MemberFeedback = z.infer<typeof memberFeedbackSchema>;

export const rulesStateSchema = z.strictObject({
  rules: z.array(
    z.strictObject({
      service: z.string(),
      feature: z.string(),
      file: z.string(),
      version: z.string(),
      loadedAt: z.iso.datetime(),
    }),
  ),
  errors: z.array(z.strictObject({ file: z.string(), message: z.string() })),
});
