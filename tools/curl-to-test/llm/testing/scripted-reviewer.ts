/**
 * A scripted stand-in for a good model reviewing captures of the demo platform: it reads the
 * prompt the way a model would (only what the prompt shows) and answers what a careful reviewer
 * of the demo's documented contract would: business names, clock- and sequence-dependent
 * fields as dynamic, the order pricing rules, and the documented 401/400/404 cases. The
 * evaluation and the end-to-end tests use it as "the model".
 */
import type { PlanRefinement, RefinedExchange } from "../refinement-schema.ts";
import { promptExchanges } from "./fake-openai-server.ts";
import type { PromptExchange, ReceivedChatRequest } from "./fake-openai-server.ts";

/** Fields whose values follow the clock or the order sequence, not the request. */
const runDependentKeys = new Set([
  "shard",
  "minutes",
  "travelMinutes",
  "modelAdjustmentMinutes",
  "trafficFactor",
  "timeOfDay",
  "timeOfDayFactor",
  "minMinutes",
  "maxMinutes",
  "nextCursor",
  "bucket",
]);

const names: { method: string; url: RegExp; title: string; description: string; spec: string }[] = [
  {
    method: "POST",
    url: /^\/v1\/orders$/,
    title: "places an order priced from the catalogue",
    description:
      "A member orders dishes of one shop; the server prices every line and adds the fee.",
    spec: "ordering",
  },
  {
    method: "GET",
    url: /^\/v1\/orders\/[^/]+$/,
    title: "reads the order back",
    description: "The order as stored, with its prices and status.",
    spec: "order lookup",
  },
  {
    method: "GET",
    url: /^\/v1\/shops\/[^/]+\/menu$/,
    title: "shows the menu an order is placed from",
    description: "A shop's dishes with their prices and availability.",
    spec: "shop menu",
  },
  {
    method: "GET",
    url: /^\/v1\/members\/[^/]+\/orders/,
    title: "lists a member's orders, newest first",
    description: "The read model gathering every shard's orders of one member.",
    spec: "member order history",
  },
  {
    method: "GET",
    url: /^\/v1\/eta\/precise/,
    title: "predicts a precise delivery time for one shop",
    description: "The ETA shown on the shop page and for placed orders.",
    spec: "precise delivery time",
  },
  {
    method: "GET",
    url: /^\/v1\/eta\/approximate/,
    title: "estimates delivery times for a shop list",
    description: "The approximate ETA shown in shop lists and search results.",
    spec: "approximate delivery times",
  },
  {
    method: "GET",
    url: /^\/v1\/recommendations\//,
    title: "recommends in-stock items for a member",
    description: "The rule schema of the service and feature picks and orders the items.",
    spec: "recommendations",
  },
];

export function reviewDemoCapture(request: ReceivedChatRequest): PlanRefinement {
  const exchanges = promptExchanges(request);
  const refinement: PlanRefinement = { specs: [], exchanges: [], flows: [], correlations: [] };
  const namedSpecs = new Set<string>();
  for (const exchange of exchanges) {
    const name = names.find(
      (candidate) =>
        candidate.method === exchange.request.method && candidate.url.test(exchange.request.url),
    );
    if (name && !namedSpecs.has(exchange.specId)) {
      namedSpecs.add(exchange.specId);
      refinement.specs.push({ specId: exchange.specId, title: name.spec });
    }
    refinement.exchanges.push(review(exchange, name));
  }
  const flows = new Map<string, string[]>();
  for (const exchange of exchanges.filter((candidate) => candidate.role === "flow-step")) {
    flows.set(exchange.specId, [...(flows.get(exchange.specId) ?? []), exchange.id]);
  }
  for (const ids of flows.values()) {
    const first = exchanges.find((exchange) => exchange.id === ids[0]);
    if (first?.request.method === "POST" && first.request.url === "/v1/orders") {
      refinement.flows.push({
        title: "a member places an order and reads it back",
        exchangeIds: ids,
      });
    }
  }
  return refinement;
}

function review(
  exchange: PromptExchange & { assertedByValue?: (string | number)[][] },
  name: (typeof names)[number] | undefined,
): RefinedExchange {
  const body = isObject(exchange.response.body) ? exchange.response.body : {};
  const asserted = exchange.assertedByValue ?? [];
  return {
    exchangeId: exchange.id,
    title: name?.title ?? "",
    description: name?.description ?? "",
    dynamicFields: asserted
      .filter((path) => runDependentKeys.has(String(path.at(-1))))
      .map((path) => ({
        path: path.map(String),
        reason: "follows the clock or the order sequence, not the request",
      })),
    stableFields: [],
    businessRules: [...orderRules(body), ...listRules(body)],
    negativeCases: negativeCases(exchange),
  };
}

type Rule = RefinedExchange["businessRules"][number];
type NegativeCase = RefinedExchange["negativeCases"][number];

/** An order's pricing: total, subtotal and each line's total. */
function orderRules(body: Record<string, unknown>): Rule[] {
  const rules: Rule[] = [];
  const numeric = (key: string): boolean => typeof body[key] === "number";
  if (numeric("total") && numeric("subtotal") && numeric("deliveryFee")) {
    rules.push({
      kind: "sum",
      description: "total = subtotal + deliveryFee",
      target: ["total"],
      terms: [["subtotal"], ["deliveryFee"]],
    });
  }
  const items = objectsOf(body.items);
  const lines =
    items.length > 0 && items.every((item) => "unitPrice" in item && "quantity" in item);
  if (lines && numeric("subtotal")) {
    rules.push({
      kind: "sum-of-products",
      description: "subtotal = Σ unitPrice × quantity",
      target: ["subtotal"],
      items: ["items"],
      factors: ["unitPrice", "quantity"],
    });
  }
  if (lines && items.every((item) => "lineTotal" in item)) {
    rules.push({
      kind: "product-per-item",
      description: "lineTotal = unitPrice × quantity",
      items: ["items"],
      target: "lineTotal",
      factors: ["unitPrice", "quantity"],
    });
  }
  return rules;
}

/** Lists: ETA windows that never end before they start, recommended items all in stock. */
function listRules(body: Record<string, unknown>): Rule[] {
  const rules: Rule[] = [];
  const etas = objectsOf(body.etas);
  if (etas.length > 0 && etas.every((eta) => "minMinutes" in eta && "maxMinutes" in eta)) {
    rules.push({
      kind: "at-least-per-item",
      description: "an ETA window never ends before it starts",
      items: ["etas"],
      target: "maxMinutes",
      floor: "minMinutes",
    });
  }
  const items = objectsOf(body.items);
  if (items.length > 0 && items.every((item) => item.status === "OK")) {
    rules.push({
      kind: "same-per-item",
      description: "only in-stock items are recommended",
      items: ["items"],
      field: "status",
    });
  }
  return rules;
}

/** The documented refusals: 401 without a token, 400 for quantity 0, 404 for unknown ids. */
function negativeCases(exchange: PromptExchange): NegativeCase[] {
  const cases: NegativeCase[] = [];

  const sendsToken = exchange.request.headers.some(
    ([header, value]) => header.toLowerCase() === "authorization" && value.includes("{"),
  );
  if (sendsToken && !exchange.request.url.includes("{")) {
    cases.push({
      kind: "no-auth",
      title: "refuses a request without a bearer token",
      expectedStatus: 401,
    });
  }
  const requestBody = exchange.request.body;
  if (
    exchange.request.method === "POST" &&
    isObject(requestBody) &&
    Array.isArray(requestBody.items) &&
    isObject(requestBody.items[0]) &&
    "quantity" in requestBody.items[0]
  ) {
    cases.push({
      kind: "invalid-field",
      title: "refuses a line with quantity 0",
      field: ["items", 0, "quantity"],
      invalidValueJson: "0",
      expectedStatus: 400,
    });
  }
  const path = exchange.request.url.split("?")[0] ?? "";
  const idSegment = path.split("/").find((segment) => /^\d+$/.test(segment));
  if (exchange.request.method === "GET" && idSegment && !path.startsWith("/v1/members/")) {
    cases.push({
      kind: "unknown-id",
      title: "answers 404 for one that does not exist",
      pathSegment: idSegment,
      unknownValue: "999999",
      expectedStatus: 404,
    });
  }
  const feature = /^\/v1\/recommendations\/[^/]+\/([^/]+)$/.exec(path)?.[1];
  if (feature) {
    cases.push({
      kind: "unknown-id",
      title: "has no rules for an unknown feature",
      pathSegment: feature,
      unknownValue: "no-such-feature",
      expectedStatus: 404,
    });
  }
  return cases;
}

function objectsOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
