/**
 * Captures of the demo platform, made by sending real requests to it and recording what came
 * back as HAR, one capture per service. The order capture carries personal data (a delivery
 * address, a phone number in the note) the way real order traffic does.
 */
import type { DemoPlatform, ServiceName } from "../../../../src/demo-platform/platform.ts";
import { harText, sendAndCapture } from "./har-capture-builder.ts";
import type { CapturedExchange } from "./har-capture-builder.ts";

export async function captureDemoService(
  platform: DemoPlatform,
  service: ServiceName,
  token: string,
): Promise<string> {
  const base = platform.services[service].url;
  const auth = { authorization: `Bearer ${token}` };
  const exchanges: CapturedExchange[] = [];
  const send = async (method: string, path: string, json?: unknown): Promise<CapturedExchange> => {
    const exchange = await sendAndCapture({
      method,
      url: `${base}${path}`,
      headers: auth,
      ...(json === undefined ? {} : { json }),
    });
    exchanges.push(exchange);
    return exchange;
  };
  switch (service) {
    case "order": {
      const placed = await send("POST", "/v1/orders", {
        memberId: 42,
        shopId: 1,
        items: [
          { menuItemId: 1, quantity: 2 },
          { menuItemId: 3, quantity: 1 },
        ],
        deliveryAddress: "12 Teheran-ro, Gangnam-gu",
        note: "Call 010-1234-5678 at the door",
      });
      const { id } = JSON.parse(placed.response.bodyText) as { id: number };
      await send("GET", `/v1/orders/${id}`);
      await send("GET", "/v1/shops/2/menu");
      break;
    }
    case "eta":
      await send("GET", "/v1/eta/precise?shopId=1&lat=37.5&lng=127.0");
      await send("GET", "/v1/eta/approximate?shopIds=1,2,3&lat=37.5&lng=127.0");
      break;
    case "recommendation":
      await send("GET", "/v1/recommendations/grocery/fruit?memberId=1");
      break;
  }
  return harText(exchanges);
}
