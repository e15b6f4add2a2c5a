/**
 * Ordinary user journeys on the demo platform, really sent and recorded, the way a QA engineer
 * captures them: a HAR per service with responses, and the order journey also as "Copy as
 * cURL" commands (no responses). Used by the end-to-end test and the generated-test-quality
 * benchmark.
 */
import { randomUUID } from "node:crypto";
import type { DemoPlatform, ServiceName } from "../../../src/demo-platform/platform.ts";
import { harText, sendAndCapture } from "../llm/testing/har-capture-builder.ts";
import type { CapturedExchange } from "../llm/testing/har-capture-builder.ts";

export interface JourneyCapture {
  service: ServiceName;
  /** `order.har` or `order.sh`. */
  name: string;
  text: string;
}

/** Member the order journey places orders for (outside the order suite's 100–199). */
export const journeyMember = 250;

export async function captureJourneys(
  platform: DemoPlatform,
  token: string,
): Promise<JourneyCapture[]> {
  const order = await orderJourney(platform, token);
  return [
    { service: "order", name: "order.har", text: harText(order) },
    { service: "order", name: "order.sh", text: curlText(order) },
    { service: "eta", name: "eta.har", text: harText(await etaJourney(platform, token)) },
    {
      service: "recommendation",
      name: "recommendation.har",
      text: harText(await recommendationJourney(platform, token)),
    },
  ];
}

type Send = (
  method: string,
  path: string,
  json?: unknown,
  headers?: Record<string, string>,
) => Promise<CapturedExchange>;

function sender(
  platform: DemoPlatform,
  service: ServiceName,
  token: string,
): { send: Send; exchanges: CapturedExchange[] } {
  const exchanges: CapturedExchange[] = [];
  const send: Send = async (method, path, json, headers = {}) => {
    const exchange = await sendAndCapture({
      method,
      url: `${platform.services[service].url}${path}`,
      headers: { authorization: `Bearer ${token}`, ...headers },
      ...(json === undefined ? {} : { json }),
    });
    exchanges.push(exchange);
    return exchange;
  };
  return { send, exchanges };
}

/** Menu → place (idempotency key, request id) → read → list → cancel → events. */
async function orderJourney(platform: DemoPlatform, token: string): Promise<CapturedExchange[]> {
  const { send, exchanges } = sender(platform, "order", token);
  await send("GET", "/v1/shops/1/menu");
  const placed = await send(
    "POST",
    "/v1/orders",
    {
      memberId: journeyMember,
      shopId: 1,
      items: [
        { menuItemId: 1, quantity: 2 },
        { menuItemId: 3, quantity: 1 },
      ],
      deliveryAddress: "12 Teheran-ro, Gangnam-gu",
    },
    { "idempotency-key": randomUUID(), "x-request-id": randomUUID() },
  );
  const { id } = JSON.parse(placed.response.bodyText) as { id: number };
  await send("GET", `/v1/orders/${id}`);
  await send("GET", `/v1/members/${journeyMember}/orders?limit=5`);
  await send("POST", `/v1/orders/${id}/cancel`, { reason: "Ordered by mistake" });
  await send("GET", `/v1/orders/${id}/events`);
  return exchanges;
}

/** Shop 41 set to manual 35 minutes, its precise ETA read back, a shop list's bands, settings restored. */
async function etaJourney(platform: DemoPlatform, token: string): Promise<CapturedExchange[]> {
  const { send, exchanges } = sender(platform, "eta", token);
  await send("PUT", "/v1/shops/41/eta-settings", { mode: "manual", manualMinutes: 35 });
  await send("GET", "/v1/eta/precise?shopId=41&lat=37.5&lng=127.03");
  await send("GET", "/v1/eta/approximate?shopIds=41,2,3&lat=37.5&lng=127.03");
  await send("PUT", "/v1/shops/41/eta-settings", { mode: "auto" });
  await send("GET", "/v1/eta/precise?shopId=42&lat=37.5&lng=127.03");
  return exchanges;
}

/** A member's fruit and snack recommendations, their dislikes, and a cold-start member's home feed. */
async function recommendationJourney(
  platform: DemoPlatform,
  token: string,
): Promise<CapturedExchange[]> {
  const { send, exchanges } = sender(platform, "recommendation", token);
  await send("GET", "/v1/recommendations/grocery/fruit?memberId=12");
  await send("GET", "/v1/members/12/feedback?service=grocery&feature=snack&kind=dislike");
  await send("GET", "/v1/recommendations/grocery/snack?memberId=12");
  await send("GET", "/v1/recommendations/food/home?memberId=450");
  return exchanges;
}

/** The exchanges as "Copy as cURL" writes them: requests only, one command each. */
function curlText(exchanges: readonly CapturedExchange[]): string {
  const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;
  return exchanges
    .map(({ request }) => {
      const lines = [`curl ${quote(request.url)}`];
      const implied = request.bodyText === undefined ? "GET" : "POST";
      if (request.method !== implied) {
        lines.push(`-X ${request.method}`);
      }
      for (const [name, value] of Object.entries(request.headers)) {
        lines.push(`-H ${quote(`${name}: ${value}`)}`);
      }
      if (request.bodyText !== undefined) lines.push(`--data-raw ${quote(request.bodyText)}`);
      return `${lines.join(" \\\n  ")}\n`;
    })
    .join("\n");
}
