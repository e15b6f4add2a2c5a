/**
 * Captures order flows against a running demo platform, as a browser session or proxy would
 * record them: the shop's menu, placing an order from it, reading the order back and its outbox
 * events. Each exchange keeps the request as sent and the response as received.
 */
import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";

export interface CapturedExchange {
  request: {
    method: string;
    /** Path and query, relative to the service. */
    path: string;
    headers: { name: string; value: string }[];
    body?: string;
  };
  response?: { status: number; mimeType: string; body: string };
}

/** Members and shops the order suite does not use (its members are 100–199, 491 and 492). */
const firstMember = 200;
const memberCount = 250;
const openShops = 16;

export async function captureOrderFlows(options: {
  baseUrl: string;
  capturedOrigin: string;
  apiToken: string;
  flowCount: number;
}): Promise<CapturedExchange[]> {
  const exchanges: CapturedExchange[] = [];
  const auth = { name: "authorization", value: `Bearer ${options.apiToken}` };
  const accept = { name: "accept", value: "application/json" };
  const send = async (request: CapturedExchange["request"]) => {
    const response = await fetch(`${options.baseUrl}${request.path}`, {
      method: request.method,
      headers: request.headers.map((header): [string, string] => [header.name, header.value]),
      ...(request.body === undefined ? {} : { body: request.body }),
    });
    const exchange: CapturedExchange = {
      request,
      response: {
        status: response.status,
        mimeType: response.headers.get("content-type") ?? "application/json",
        body: await response.text(),
      },
    };
    exchanges.push(exchange);
    return exchange;
  };

  for (let flow = 0; flow < options.flowCount; flow++) {
    const memberId = firstMember + (flow % memberCount);
    const shopId = (flow % openShops) + 1;
    await send({ method: "GET", path: `/v1/shops/${shopId}/menu`, headers: [accept, auth] });
    const placed = await send({
      method: "POST",
      path: "/v1/orders",
      headers: [
        accept,
        auth,
        { name: "content-type", value: "application/json" },
        { name: "idempotency-key", value: idempotencyKey(flow) },
      ],
      body: JSON.stringify({
        memberId,
        shopId,
        items: [{ menuItemId: 6 * shopId - 5, quantity: 1 + (flow % 3) }],
      }),
    });
    const orderId = (JSON.parse(placed.response?.body ?? "{}") as { id?: number }).id;
    if (orderId === undefined) {
      throw new Error(`placing order ${flow} answered ${placed.response?.status ?? "nothing"}`);
    }
    await send({ method: "GET", path: `/v1/orders/${orderId}`, headers: [accept, auth] });
    // The relay publishes events shortly after the order: read them once they settled, so the
    // capture does not freeze a passing PENDING state that later runs will not see.
    await waitForPublishedEvents(`${options.baseUrl}/v1/orders/${orderId}/events`, auth.value);
    await send({ method: "GET", path: `/v1/orders/${orderId}/events`, headers: [accept, auth] });
  }
  return exchanges;
}

async function waitForPublishedEvents(url: string, authorization: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const response = await fetch(url, { headers: { authorization } });
    const body = (await response.json()) as { events?: { publish?: { status?: string } }[] };
    if (body.events?.every((event) => event.publish?.status === "PUBLISHED")) return;
    await sleep(20);
  }
  throw new Error(`the events at ${url} were not published within 2 s`);
}

/** A UUID-shaped key per flow, the same on every run, so replays are idempotent. */
function idempotencyKey(flow: number): string {
  const hex = createHash("sha256").update(`bench-flow-${flow}`).digest("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
