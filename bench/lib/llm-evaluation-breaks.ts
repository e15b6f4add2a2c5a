/**
 * The contract breaks of the LLM evaluation: one response field of the demo platform broken at
 * a time, behind a mutating proxy, each naming the service whose responses it changes. Only
 * bodies of the expected shape change: error bodies (401, 404) pass through intact.
 */
import type { ServiceName } from "../../src/demo-platform/platform.ts";
import type { ResponseMutation } from "../../tools/curl-to-test/llm/testing/mutating-proxy.ts";

/** One response field broken at a time; each names the service whose responses it changes. */
export const breaks: { name: string; service: ServiceName; mutate: ResponseMutation }[] = [
  {
    name: "order line priced wrong (items[].lineTotal + 500)",
    service: "order",
    mutate: ({ body }) =>
      orderWith(body, (order) => order.items.forEach((item) => (item.lineTotal += 500))),
  },
  {
    name: "order fee not added (deliveryFee 3000, total unchanged)",
    service: "order",
    mutate: ({ body }) => orderWith(body, (order) => (order.deliveryFee = 3000)),
  },
  {
    name: "order total off (total + 1000)",
    service: "order",
    mutate: ({ body }) => orderWith(body, (order) => (order.total += 1000)),
  },
  {
    name: "order status renamed (PLACED → CONFIRMED)",
    service: "order",
    mutate: ({ body }) => orderWith(body, (order) => (order.status = "CONFIRMED")),
  },
  {
    name: "menu prices doubled (items[].price × 2)",
    service: "order",
    mutate: ({ path, body }) =>
      path.endsWith("/menu")
        ? withItems(body, "items", (item) => (item.price = Number(item.price) * 2))
        : undefined,
  },
  {
    name: "ETA distance doubled (distanceKm × 2)",
    service: "eta",
    mutate: ({ path, body }) =>
      path.endsWith("/precise") && typeof field(body, "distanceKm") === "number"
        ? { ...(body as object), distanceKm: Number(field(body, "distanceKm")) * 2 }
        : undefined,
  },
  {
    name: "ETA window inverted (etas[].maxMinutes < minMinutes)",
    service: "eta",
    mutate: ({ path, body }) =>
      path.endsWith("/approximate")
        ? withItems(body, "etas", (eta) => (eta.maxMinutes = Number(eta.minMinutes) - 1))
        : undefined,
  },
  {
    name: "recommendation returns sold-out items (items[].status)",
    service: "recommendation",
    mutate: ({ body }) => withItems(body, "items", (item) => (item.status = "SOLD_OUT")),
  },
  {
    name: "recommendation names another feature (feature)",
    service: "recommendation",
    mutate: ({ body }) =>
      typeof field(body, "feature") === "string"
        ? { ...(body as object), feature: "vegetable" }
        : undefined,
  },
];

interface Order {
  items: { lineTotal: number }[];
  deliveryFee: number;
  total: number;
  status: string;
}

function orderWith(body: unknown, change: (order: Order) => void): unknown {
  const order = body as Partial<Order>;
  if (!Array.isArray(order.items) || typeof order.total !== "number") return undefined;
  change(order as Order);
  return order;
}

function withItems(
  body: unknown,
  key: string,
  change: (item: Record<string, unknown>) => void,
): unknown {
  const items = field(body, key);
  if (!Array.isArray(items) || items.length === 0) return undefined;
  items.forEach((item) => change(item as Record<string, unknown>));
  return body;
}

function field(body: unknown, key: string): unknown {
  return typeof body === "object" && body !== null
    ? (body as Record<string, unknown>)[key]
    : undefined;
}
