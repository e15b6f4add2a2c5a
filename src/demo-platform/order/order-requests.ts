import { z } from "zod";

/** Limits a request must keep to before the catalogue is even consulted (else 400). */
const orderLimits = {
  maxLines: 30,
  maxQuantity: 50,
  maxAddressLength: 200,
  maxNoteLength: 200,
  maxReasonLength: 200,
} as const;

const id = (what: string) => {
  const message = `must be a ${what} id: a positive integer`;
  return z.int({ error: message }).min(1, { error: message });
};

const orderLine = z.strictObject(
  {
    menuItemId: id("menu item"),
    quantity: z
      .int({ error: `must be an integer from 1 to ${orderLimits.maxQuantity}` })
      .min(1, { error: `must be an integer from 1 to ${orderLimits.maxQuantity}` })
      .max(orderLimits.maxQuantity, {
        error: `must be an integer from 1 to ${orderLimits.maxQuantity}`,
      }),
  },
  { error: "must be an object with menuItemId and quantity" },
);

const optionalText = (maxLength: number) =>
  z
    .string({ error: `must be text of at most ${maxLength} characters` })
    .trim()
    .min(1, { error: "must not be blank; leave it out instead" })
    .max(maxLength, { error: `must be at most ${maxLength} characters` })
    .nullish();

export const createOrderBodySchema = z.strictObject(
  {
    memberId: id("member"),
    shopId: id("shop"),
    items: z
      .array(orderLine, { error: "must be a list of order lines" })
      .min(1, { error: "must have at least one line" })
      .max(orderLimits.maxLines, { error: `must have at most ${orderLimits.maxLines} lines` }),
    deliveryAddress: optionalText(orderLimits.maxAddressLength),
    note: optionalText(orderLimits.maxNoteLength),
  },
  { error: "the body must be a JSON object" },
);
export type CreateOrderBody = z.infer<typeof createOrderBodySchema>;

export const cancelOrderBodySchema = z.strictObject(
  {
    reason: z
      .string({ error: "is required: why the order is cancelled" })
      .trim()
      .min(1, { error: "must not be blank" })
      .max(orderLimits.maxReasonLength, {
        error: `must be at most ${orderLimits.maxReasonLength} characters`,
      }),
  },
  { error: "the body must be a JSON object with a reason" },
);

const idText = /^[1-9]\d{0,15}$/;

/** A path or header id: digits only, no sign, no leading zero, within the safe integer range. */
export function parseId(text: string | undefined): number | undefined {
  if (text === undefined || !idText.test(text)) return undefined;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : undefined;
}
