import {
  approximateEta,
  cancelOrder,
  createOrder,
  getOrder,
  listOrders,
  preciseEta,
  recommend,
} from "./delivery-calls.ts";
import { members, pick, recommendationSlots, shopPage, shops } from "./test-data.ts";
import { deliveryTrafficMix, pickWeighted } from "./traffic-mix.ts";
import type { Endpoint } from "./traffic-mix.ts";

interface PlacedOrder {
  orderId: number;
  memberId: number;
}

/** Orders this VU placed, newest last: what it reads and cancels later (ids are correlated). */
const placedOrders: PlacedOrder[] = [];
const rememberedOrders = 50;

/**
 * One iteration = one call, drawn from the delivery traffic mix, so arrival rate and request rate
 * are the same number. Reads and cancels of orders use this VU's own orders; until it has one,
 * it places one instead.
 */
export function deliveryTrafficIteration(): void {
  call(pickWeighted(deliveryTrafficMix).endpoint);
}

/** Every call of the mix once, in a natural order: browse, recommend, order, read, cancel. */
export function everyCallOnce(): void {
  for (const endpoint of [
    "eta-approximate",
    "eta-precise",
    "recommendation",
    "order-create",
    "order-get",
    "order-list",
    "order-cancel",
  ] as const) {
    call(endpoint);
  }
}

function call(endpoint: Endpoint): void {
  const member = pick(members);
  switch (endpoint) {
    case "eta-approximate":
      approximateEta(member, shopPage(10));
      return;
    case "eta-precise":
      preciseEta(member, pick(shops));
      return;
    case "recommendation":
      recommend(member, pick(recommendationSlots));
      return;
    case "order-list":
      listOrders(member.memberId);
      return;
    case "order-create":
      placeOrder();
      return;
    case "order-get": {
      const order = placedOrders[Math.floor(Math.random() * placedOrders.length)];
      if (order) getOrder(order.memberId, order.orderId);
      else placeOrder();
      return;
    }
    case "order-cancel": {
      const order = placedOrders.pop();
      if (order) cancelOrder(order.memberId, order.orderId);
      else placeOrder();
      return;
    }
  }
}

function placeOrder(): void {
  const member = pick(members);
  const orderId = createOrder(member, pick(shops));
  if (orderId === undefined) return;
  placedOrders.push({ orderId, memberId: member.memberId });
  if (placedOrders.length > rememberedOrders) placedOrders.shift();
}
