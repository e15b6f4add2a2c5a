import type { APIResponse } from "@playwright/test";
import { prettifyError } from "zod";
import type { z } from "zod";
import { expect } from "../support/api-fixture.ts";
import type { ApiClient, ApiRequestOptions } from "../support/api-fixture.ts";
import { memberOrdersPageSchema, orderSchema, problemSchema, shopMenuSchema } from "./schemas.ts";
import type { MemberOrdersPage, Order, Problem, ShopMenu } from "./schemas.ts";

/** Facts of the demo platform's seeded catalogue the suite relies on (see docs/demo-order.md). */
export const seededCatalog = {
  /** Open, items 1–5 available, item 6 not. */
  openShop: 1,
  unavailableItemOfOpenShop: 6,
  /** Open; its items (7–12) are not on shop 1's menu. */
  otherShop: 2,
  itemOfOtherShop: 7,
  /** Every shop whose id is a multiple of 17 is closed. */
  closedShop: 17,
  unknownId: 999_999,
} as const;

/** Orders placed 31 and 32 days before the platform started (ids 1 and 2). */
export const historicalOrders = [
  { orderId: 1, memberId: 491 },
  { orderId: 2, memberId: 492 },
] as const;

/** A response body, checked against the contract; a mismatch fails the test with the exchange. */
export async function bodyOf<S extends z.ZodType>(
  response: APIResponse,
  schema: S,
): Promise<z.infer<S>> {
  const parsed = schema.safeParse(await response.json());
  if (parsed.success) return parsed.data;
  const where = `${response.status()} from ${new URL(response.url()).pathname}`;
  throw new Error(`response ${where} breaks the contract:\n${prettifyError(parsed.error)}`);
}

export async function expectProblem(response: APIResponse, status: number): Promise<Problem> {
  expect(response.status()).toBe(status);
  expect(response.headers()["content-type"]).toMatch(/^application\/problem\+json/);
  const problem = await bodyOf(response, problemSchema);
  expect(problem.status).toBe(status);
  return problem;
}

/** The fields a problem's `errors` names, sorted, for comparing without caring about order. */
export function fieldsOf(problem: Problem): string[] {
  return (problem.errors ?? []).map((error) => error.field).sort();
}

export interface NewOrder {
  memberId: number;
  shopId?: number;
  items?: { menuItemId: number; quantity: number }[];
  deliveryAddress?: string;
  note?: string;
}

/** A valid order body: one dish of the open shop unless told otherwise. */
export function orderBody(order: NewOrder) {
  return {
    shopId: seededCatalog.openShop,
    items: [{ menuItemId: 1, quantity: 1 }],
    ...order,
  };
}

export async function placeOrder(
  api: ApiClient,
  order: NewOrder,
  options: ApiRequestOptions = {},
): Promise<Order> {
  const response = await api.post("/v1/orders", { ...options, data: orderBody(order) });
  expect(response.status()).toBe(201);
  return bodyOf(response, orderSchema);
}

export async function menuOf(api: ApiClient, shopId: number): Promise<ShopMenu> {
  const response = await api.get(`/v1/shops/${shopId}/menu`);
  expect(response.status()).toBe(200);
  return bodyOf(response, shopMenuSchema);
}

export async function pageOf(
  api: ApiClient,
  memberId: number,
  query: { limit?: number; cursor?: string } = {},
): Promise<MemberOrdersPage> {
  const params: Record<string, string | number> = { ...query };
  const response = await api.get(`/v1/members/${memberId}/orders`, { params });
  expect(response.status()).toBe(200);
  return bodyOf(response, memberOrdersPageSchema);
}

/** Every page of a member's orders, following nextCursor; bounded so a loop bug cannot hang. */
export async function allPagesOf(
  api: ApiClient,
  memberId: number,
  limit: number,
): Promise<MemberOrdersPage[]> {
  const pages = [await pageOf(api, memberId, { limit })];
  for (let guard = 0; guard < 200; guard++) {
    const cursor = pages.at(-1)?.nextCursor;
    if (!cursor) return pages;
    pages.push(await pageOf(api, memberId, { limit, cursor }));
  }
  throw new Error(`member ${memberId}'s orders did not end within 200 pages`);
}
