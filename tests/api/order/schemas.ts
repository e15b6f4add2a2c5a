import { z } from "zod";

/** The order service's contract as the suite checks it: every response body goes through one of these. */

const isoTimestamp = z.iso.datetime();
const id = z.int().positive();
const won = z.int().nonnegative();

export const problemSchema = z.strictObject({
  type: z.string(),
  title: z.string().min(1),
  status: z.int().min(400).max(599),
  detail: z.string().optional(),
  errors: z
    .array(z.strictObject({ field: z.string().min(1), message: z.string().min(1) }))
    .optional(),
});
export type Problem = z.infer<typeof problemSchema>;

const orderStatusSchema = z.enum(["PLACED", "CANCELLED"]);

export const orderSchema = z.strictObject({
  id,
  memberId: id,
  shopId: id,
  status: orderStatusSchema,
  items: z
    .array(
      z.strictObject({
        menuItemId: id,
        name: z.string().min(1),
        unitPrice: won,
        quantity: z.int().min(1).max(50),
        lineTotal: won,
      }),
    )
    .min(1),
  subtotal: won,
  deliveryFee: won,
  total: won,
  currency: z.literal("KRW"),
  deliveryAddress: z.string().nullable(),
  note: z.string().nullable(),
  placedAt: isoTimestamp,
  cancellableUntil: isoTimestamp,
  cancelledAt: isoTimestamp.nullable(),
  cancellationReason: z.string().nullable(),
  shard: z.int().nonnegative(),
});
export type Order = z.infer<typeof orderSchema>;

const orderSummarySchema = z.strictObject({
  id,
  shopId: id,
  status: orderStatusSchema,
  itemCount: z.int().positive(),
  total: won,
  currency: z.literal("KRW"),
  placedAt: isoTimestamp,
  shard: z.int().nonnegative(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

export const memberOrdersPageSchema = z.strictObject({
  memberId: id,
  orders: z.array(orderSummarySchema),
  nextCursor: z.string().min(1).nullable(),
});
export type MemberOrdersPage = z.infer<typeof memberOrdersPageSchema>;

const orderEventSchema = z.strictObject({
  eventId: z.uuid(),
  type: z.enum(["ORDER_PLACED", "ORDER_CANCELLED"]),
  occurredAt: isoTimestamp,
  payload: z.record(z.string(), z.unknown()),
  publish: z.strictObject({
    status: z.enum(["PENDING", "PUBLISHED", "FAILED"]),
    attempts: z.int().nonnegative(),
    publishedAt: isoTimestamp.nullable(),
    nextAttemptAt: isoTimestamp.nullable(),
    lastError: z.string().nullable(),
  }),
});
export type OrderEvent = z.infer<typeof orderEventSchema>;

export const orderEventsSchema = z.strictObject({
  orderId: id,
  events: z.array(orderEventSchema),
});

export const shopMenuSchema = z.strictObject({
  shopId: id,
  name: z.string().min(1),
  open: z.boolean(),
  items: z.array(
    z.strictObject({
      menuItemId: id,
      name: z.string().min(1),
      price: won,
      available: z.boolean(),
    }),
  ),
});
export type ShopMenu = z.infer<typeof shopMenuSchema>;
