/** Amounts are whole Korean won; the server prices every order, clients never send prices. */
export const currency = "KRW";

/** A flat delivery fee, waived from a subtotal that makes the trip worth it. */
export const deliveryFeePolicy = { fee: 3_000, freeFromSubtotal: 30_000 } as const;

export interface LineToPrice {
  unitPrice: number;
  quantity: number;
}

export interface OrderPrice {
  lineTotals: number[];
  subtotal: number;
  deliveryFee: number;
  total: number;
}

export function priceOrder(lines: readonly LineToPrice[]): OrderPrice {
  const lineTotals = lines.map((line) => line.unitPrice * line.quantity);
  const subtotal = lineTotals.reduce((sum, amount) => sum + amount, 0);
  const deliveryFee = deliveryFeeFor(subtotal);
  return { lineTotals, subtotal, deliveryFee, total: subtotal + deliveryFee };
}

export function deliveryFeeFor(subtotal: number): number {
  return subtotal >= deliveryFeePolicy.freeFromSubtotal ? 0 : deliveryFeePolicy.fee;
}
