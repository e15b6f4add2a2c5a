import { check } from "k6";
import http from "k6/http";
import type { RefinedResponse, ResponseType } from "k6/http";
import type { Member, RecommendationSlot, Shop } from "./test-data.ts";
import { authHeaders, baseUrls } from "./targets.ts";
import type { Endpoint } from "./traffic-mix.ts";

type Response = RefinedResponse<ResponseType | undefined>;

/**
 * One function per call of the platform's public API. Each request carries an `endpoint` tag (what
 * the objectives and charts group by) and a `name` with the route template instead of the URL, so
 * ids do not explode the metrics' cardinality.
 */
function params(endpoint: Endpoint, route: string, memberId?: number) {
  return {
    headers: {
      ...authHeaders,
      "content-type": "application/json",
      ...(memberId === undefined ? {} : { "x-member-id": String(memberId) }),
    },
    tags: { endpoint, name: route },
  };
}

function expectStatus(response: Response, endpoint: Endpoint, status: number): boolean {
  return check(response, { [`${endpoint} answers ${status}`]: (r) => r.status === status });
}

export function approximateEta(member: Member, page: Shop[]): Response {
  const shopIds = page.map((shop) => shop.shopId).join(",");
  const response = http.get(
    `${baseUrls.eta}/v1/eta/approximate?lat=${member.lat}&lng=${member.lng}&shopIds=${shopIds}`,
    params("eta-approximate", "GET /v1/eta/approximate"),
  );
  expectStatus(response, "eta-approximate", 200);
  return response;
}

export function preciseEta(member: Member, shop: Shop): Response {
  const response = http.get(
    `${baseUrls.eta}/v1/eta/precise?lat=${member.lat}&lng=${member.lng}&shopId=${shop.shopId}`,
    params("eta-precise", "GET /v1/eta/precise"),
  );
  expectStatus(response, "eta-precise", 200);
  return response;
}

export function recommend(member: Member, slot: RecommendationSlot): Response {
  const response = http.get(
    `${baseUrls.recommendation}/v1/recommendations/${slot.service}/${slot.feature}?memberId=${member.memberId}`,
    params("recommendation", "GET /v1/recommendations/:service/:feature"),
  );
  expectStatus(response, "recommendation", 200);
  return response;
}

/** Places an order; answers its id, or undefined when the order was not placed. */
export function createOrder(member: Member, shop: Shop): number | undefined {
  const menuItemId = shop.menuItemIds[Math.floor(Math.random() * shop.menuItemIds.length)];
  const request = params("order-create", "POST /v1/orders", member.memberId);
  const response = http.post(
    `${baseUrls.order}/v1/orders`,
    JSON.stringify({
      memberId: member.memberId,
      shopId: shop.shopId,
      items: [{ menuItemId, quantity: 1 + Math.floor(Math.random() * 3) }],
      deliveryAddress: `${member.lat},${member.lng}`,
    }),
    // A retried create must not place a second order: every create carries its own key.
    {
      ...request,
      headers: { ...request.headers, "idempotency-key": `k6-${__VU}-${__ITER}-${Date.now()}` },
    },
  );
  if (!expectStatus(response, "order-create", 201)) return undefined;
  const orderId = (response.json() as { id?: unknown } | null)?.id;
  return typeof orderId === "number" ? orderId : undefined;
}

export function getOrder(memberId: number, orderId: number): Response {
  const response = http.get(
    `${baseUrls.order}/v1/orders/${orderId}`,
    params("order-get", "GET /v1/orders/:orderId", memberId),
  );
  expectStatus(response, "order-get", 200);
  return response;
}

export function listOrders(memberId: number): Response {
  const response = http.get(
    `${baseUrls.order}/v1/members/${memberId}/orders?limit=20`,
    params("order-list", "GET /v1/members/:memberId/orders", memberId),
  );
  expectStatus(response, "order-list", 200);
  return response;
}

export function cancelOrder(memberId: number, orderId: number): Response {
  const response = http.post(
    `${baseUrls.order}/v1/orders/${orderId}/cancel`,
    JSON.stringify({ reason: "load test: changed my mind" }),
    params("order-cancel", "POST /v1/orders/:orderId/cancel", memberId),
  );
  expectStatus(response, "order-cancel", 200);
  return response;
}
