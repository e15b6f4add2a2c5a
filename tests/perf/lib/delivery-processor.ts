// The Artillery processor of the delivery scenarios: it runs in each Artillery worker, bundled
// with its data. Hook names are what the flows in delivery-flows.ts refer to.
/* eslint-disable @typescript-eslint/require-await -- Artillery awaits a hook only when it is async */
import type { HttpResponse, VUContext } from "artillery";
export { arrive, depart } from "./arrival-log.ts";
export { countOutcome } from "./outcome-counters.ts";
import { members, pick, recommendationSlots, shopPage, shops } from "./test-data.ts";
import { authHeaders, deliveryTargets } from "./targets.ts";

type RequestParams = Record<string, unknown> & { name?: string; headers?: Record<string, string> };

const targets = deliveryTargets(process.env);
const auth = authHeaders(process.env);

interface PlacedOrder {
  orderId: number;
  memberId: number;
}

/** Orders this worker placed, newest last: what its reads and cancels use (ids are correlated). */
const placedOrders: PlacedOrder[] = [];
const rememberedOrders = 50;

function send(params: RequestParams, url: string, memberId?: number): void {
  params.url = url;
  params.headers = {
    ...params.headers,
    ...auth,
    ...(memberId === undefined ? {} : { "x-member-id": String(memberId) }),
  };
}

export async function approximateEta(params: RequestParams): Promise<void> {
  const member = pick(members);
  const shopIds = shopPage(10)
    .map((shop) => shop.shopId)
    .join(",");
  send(
    params,
    `${targets.eta}/v1/eta/approximate?lat=${member.lat}&lng=${member.lng}&shopIds=${shopIds}`,
  );
}

export async function preciseEta(params: RequestParams): Promise<void> {
  const member = pick(members);
  const shop = pick(shops);
  send(
    params,
    `${targets.eta}/v1/eta/precise?lat=${member.lat}&lng=${member.lng}&shopId=${shop.shopId}`,
  );
}

export async function recommend(params: RequestParams): Promise<void> {
  const member = pick(members);
  const slot = pick(recommendationSlots);
  send(
    params,
    `${targets.recommendation}/v1/recommendations/${slot.service}/${slot.feature}?memberId=${member.memberId}`,
  );
}

export async function listOrders(params: RequestParams): Promise<void> {
  const member = pick(members);
  send(params, `${targets.order}/v1/members/${member.memberId}/orders?limit=20`, member.memberId);
}

/** A retried create must not place a second order: every create carries its own key. */
export async function createOrder(params: RequestParams, context: VUContext): Promise<void> {
  const member = pick(members);
  const shop = pick(shops);
  const menuItemId = pick(shop.menuItemIds);
  context.vars.orderingMember = member.memberId;
  send(params, `${targets.order}/v1/orders`, member.memberId);
  params.headers = { ...params.headers, "idempotency-key": crypto.randomUUID() };
  params.json = {
    memberId: member.memberId,
    shopId: shop.shopId,
    items: [{ menuItemId, quantity: 1 + Math.floor(Math.random() * 3) }],
    deliveryAddress: `${member.lat},${member.lng}`,
  };
}

export async function rememberOrder(
  _params: RequestParams,
  response: HttpResponse,
  context: VUContext,
): Promise<void> {
  if (response.statusCode !== 201 || typeof response.body !== "string") return;
  const orderId = (JSON.parse(response.body) as { id?: unknown }).id;
  const memberId: unknown = context.vars.orderingMember;
  if (typeof orderId !== "number" || typeof memberId !== "number") return;
  placedOrders.push({ orderId, memberId });
  if (placedOrders.length > rememberedOrders) placedOrders.shift();
}

/** Until this worker has placed an order, a read or cancel places one instead. */
export async function chooseReadOrder(context: VUContext): Promise<void> {
  context.vars.placedOrder = placedOrders[Math.floor(Math.random() * placedOrders.length)];
}

export async function chooseCancelOrder(context: VUContext): Promise<void> {
  context.vars.placedOrder = placedOrders.pop();
}

export function hasPlacedOrder(vars: VUContext["vars"]): boolean {
  return vars.placedOrder !== undefined;
}

export function lacksPlacedOrder(vars: VUContext["vars"]): boolean {
  return vars.placedOrder === undefined;
}

export async function getOrder(params: RequestParams, context: VUContext): Promise<void> {
  const order = context.vars.placedOrder as PlacedOrder;
  send(params, `${targets.order}/v1/orders/${order.orderId}`, order.memberId);
}

export async function cancelOrder(params: RequestParams, context: VUContext): Promise<void> {
  const order = context.vars.placedOrder as PlacedOrder;
  send(params, `${targets.order}/v1/orders/${order.orderId}/cancel`, order.memberId);
  params.json = { reason: "load test: changed my mind" };
}

// The reads outside the traffic mix, once each in smoke.
export async function shopMenu(params: RequestParams): Promise<void> {
  send(params, `${targets.order}/v1/shops/${pick(shops).shopId}/menu`);
}

export async function etaSettings(params: RequestParams): Promise<void> {
  send(params, `${targets.eta}/v1/shops/${pick(shops).shopId}/eta-settings`);
}

export async function memberFeedback(params: RequestParams): Promise<void> {
  send(params, `${targets.recommendation}/v1/members/${pick(members).memberId}/feedback`);
}
