import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { deliveryFeeFor, deliveryFeePolicy, priceOrder } from "./order-pricing.ts";

describe("priceOrder", () => {
  it("sums price × quantity per line and adds the delivery fee below the threshold", () => {
    const price = priceOrder([
      { unitPrice: 4_500, quantity: 2 },
      { unitPrice: 8_000, quantity: 1 },
    ]);
    assert.deepEqual(price, {
      lineTotals: [9_000, 8_000],
      subtotal: 17_000,
      deliveryFee: deliveryFeePolicy.fee,
      total: 17_000 + deliveryFeePolicy.fee,
    });
  });

  it("waives the delivery fee from the threshold on", () => {
    const price = priceOrder([{ unitPrice: 15_000, quantity: 2 }]);
    assert.equal(price.subtotal, deliveryFeePolicy.freeFromSubtotal);
    assert.equal(price.deliveryFee, 0);
    assert.equal(price.total, 30_000);
  });

  it("charges the fee one won below the threshold", () => {
    assert.equal(deliveryFeeFor(deliveryFeePolicy.freeFromSubtotal - 1), deliveryFeePolicy.fee);
  });
});
