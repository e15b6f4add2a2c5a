/**
 * Single-field contract breaks of the demo platform, each made by a proxy that rewrites one
 * field of the JSON responses of one route (see the mutating proxy). Each is a bug a service
 * could ship: only a test that knows the field's value, or the rule it obeys, notices it.
 */
import type { ServiceName } from "../../../src/demo-platform/platform.ts";
import type { ResponseMutation } from "../llm/testing/mutating-proxy.ts";

export interface ContractBreak {
  name: string;
  service: ServiceName;
  mutate: ResponseMutation;
}

type Json = Record<string, unknown>;

/** The body changed by `change` when the route and shape match, else undefined (left intact). */
function on(route: RegExp, change: (body: Json) => boolean | void): ResponseMutation {
  return ({ method, path, body }) => {
    if (!route.test(`${method} ${path}`) || typeof body !== "object" || body === null)
      return undefined;
    return change(body as Json) === false ? undefined : body;
  };
}

function items(body: Json, key: string): Json[] | null {
  const list = body[key];
  return Array.isArray(list) && list.length > 0 ? (list as Json[]) : null;
}

const order = /^(GET|POST) \/v1\/orders(\/\d+)?$/;

export function contractBreaks(): ContractBreak[] {
  return [...orderBreaks, ...etaBreaks, ...recommendationBreaks];
}

const orderBreaks: readonly ContractBreak[] = [
  {
    name: "order line priced wrong (items[].lineTotal + 500)",
    service: "order",
    mutate: on(order, (body) => {
      const lines = items(body, "items");
      if (!lines) return false;
      lines.forEach((line) => (line.lineTotal = Number(line.lineTotal) + 500));
    }),
  },
  {
    name: "order fee charged, total unchanged (deliveryFee + 3000)",
    service: "order",
    mutate: on(order, (body) => {
      if (typeof body.deliveryFee !== "number") return false;
      body.deliveryFee += 3000;
    }),
  },
  {
    name: "order subtotal off (subtotal + 1000)",
    service: "order",
    mutate: on(order, (body) => {
      if (typeof body.subtotal !== "number") return false;
      body.subtotal += 1000;
    }),
  },
  {
    name: "placed order not PLACED (status CONFIRMED)",
    service: "order",
    mutate: on(/^POST \/v1\/orders$/, (body) => {
      if (body.status !== "PLACED") return false;
      body.status = "CONFIRMED";
    }),
  },
  {
    name: "cancel ignored (cancel answers status PLACED)",
    service: "order",
    mutate: on(/^POST \/v1\/orders\/\d+\/cancel$/, (body) => {
      if (body.status !== "CANCELLED") return false;
      body.status = "PLACED";
    }),
  },
  {
    name: "member's orders oldest first (orders reversed)",
    service: "order",
    mutate: on(/^GET \/v1\/members\/\d+\/orders$/, (body) => {
      const list = items(body, "orders");
      if (!list || list.length < 2) return false;
      list.reverse();
    }),
  },
  {
    name: "order events lose the cancellation (last event dropped)",
    service: "order",
    mutate: on(/^GET \/v1\/orders\/\d+\/events$/, (body) => {
      const list = items(body, "events");
      if (!list || list.length < 2) return false;
      list.pop();
    }),
  },
  {
    name: "menu prices doubled (items[].price × 2)",
    service: "order",
    mutate: on(/\/menu$/, (body) => {
      const list = items(body, "items");
      if (!list) return false;
      list.forEach((item) => (item.price = Number(item.price) * 2));
    }),
  },
];

const etaBreaks: readonly ContractBreak[] = [
  {
    name: "manual ETA minutes ignored (precise minutes + 7)",
    service: "eta",
    mutate: on(/^GET \/v1\/eta\/precise$/, (body) => {
      if (body.source !== "manual") return false;
      body.minutes = Number(body.minutes) + 7;
    }),
  },
  {
    name: "ETA band inverted (etas[].minMinutes > maxMinutes)",
    service: "eta",
    mutate: on(/^GET \/v1\/eta\/approximate$/, (body) => {
      const list = items(body, "etas");
      if (!list) return false;
      list.forEach((eta) => (eta.minMinutes = Number(eta.maxMinutes) + 5));
    }),
  },
  {
    name: "ETA distance doubled (distanceKm × 2)",
    service: "eta",
    mutate: on(/^GET \/v1\/eta\/precise$/, (body) => {
      if (typeof body.distanceKm !== "number") return false;
      body.distanceKm *= 2;
    }),
  },
  {
    name: "ETA bands for other shops (etas[].shopId + 1)",
    service: "eta",
    mutate: on(/^GET \/v1\/eta\/approximate$/, (body) => {
      const list = items(body, "etas");
      if (!list) return false;
      list.forEach((eta) => (eta.shopId = Number(eta.shopId) + 1));
    }),
  },
];

const recommendationBreaks: readonly ContractBreak[] = [
  {
    name: "half of the recommendations missing (items halved)",
    service: "recommendation",
    mutate: on(/^GET \/v1\/recommendations\//, (body) => {
      const list = items(body, "items");
      if (!list || list.length < 2) return false;
      list.splice(Math.ceil(list.length / 2));
    }),
  },
  {
    name: "disliked item moved to first place (last item first)",
    service: "recommendation",
    mutate: on(/^GET \/v1\/recommendations\/grocery\/snack$/, (body) => {
      const list = items(body, "items");
      if (!list || list.length < 2) return false;
      list.unshift(list.pop()!);
    }),
  },
  {
    name: "sold-out items recommended (items[].status OUT_OF_STOCK)",
    service: "recommendation",
    mutate: on(/^GET \/v1\/recommendations\/grocery\/fruit$/, (body) => {
      const list = items(body, "items");
      if (!list) return false;
      list.forEach((item) => (item.status = "OUT_OF_STOCK"));
    }),
  },
  {
    name: "recommendations for another feature (feature vegetable)",
    service: "recommendation",
    mutate: on(/^GET \/v1\/recommendations\//, (body) => {
      if (typeof body.feature !== "string") return false;
      body.feature = "vegetable";
    }),
  },
  {
    name: "recommendations sorted the wrong way (items reversed)",
    service: "recommendation",
    mutate: on(/^GET \/v1\/recommendations\/grocery\/fruit$/, (body) => {
      const list = items(body, "items");
      if (!list || list.length < 2) return false;
      list.reverse();
    }),
  },
];
