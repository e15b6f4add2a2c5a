/**
 * A capture whose requests reuse a value the deterministic planner does not read as an id (a
 * quote's `handle`), so it plans three separate tests; and a refinement that runs them as one
 * flow and correlates the handle.
 */
import type { PlanRefinement } from "../refinement-schema.ts";
import { harText } from "./har-capture-builder.ts";

const host = "https://shop.example.com";
const quote = { handle: "sunny-basket", amount: 12000 };

export const quoteCaptureHar = harText([
  {
    request: {
      method: "POST",
      url: `${host}/v1/quotes`,
      headers: { "content-type": "application/json" },
      bodyText: JSON.stringify({ shopId: 3, items: [{ menuItemId: 9, quantity: 1 }] }),
    },
    response: {
      status: 201,
      statusText: "Created",
      mimeType: "application/json",
      bodyText: JSON.stringify({ quote }),
    },
  },
  {
    request: { method: "GET", url: `${host}/v1/quotes/${quote.handle}?view=full`, headers: {} },
    response: {
      status: 200,
      statusText: "OK",
      mimeType: "application/json",
      bodyText: JSON.stringify({ ...quote, state: "OPEN" }),
    },
  },
  {
    request: {
      method: "POST",
      url: `${host}/v1/acceptances`,
      headers: { "content-type": "application/json" },
      bodyText: JSON.stringify({ quote: quote.handle, note: "sunny-basket is mine" }),
    },
    response: {
      status: 200,
      statusText: "OK",
      mimeType: "application/json",
      bodyText: JSON.stringify({ accepted: true }),
    },
  },
]);

/** e1 POST /v1/quotes, e2 GET the quote, e3 POST the acceptance: one spec each before. */
export const quoteFlowRefinement: PlanRefinement = {
  specs: [],
  exchanges: [
    {
      exchangeId: "e1",
      title: "quotes a basket",
      description: "",
      dynamicFields: [{ path: ["quote", "handle"], reason: "a new handle per quote" }],
      stableFields: [],
      businessRules: [],
      negativeCases: [],
    },
  ],
  flows: [{ title: "a quote is made, read and accepted", exchangeIds: ["e3", "e1", "e2"] }],
  correlations: [
    { fromExchangeId: "e1", responsePath: ["quote", "handle"], toExchangeId: "e2" },
    { fromExchangeId: "e1", responsePath: ["quote", "handle"], toExchangeId: "e3" },
    { fromExchangeId: "e1", responsePath: ["quote", "amount"], toExchangeId: "e3" },
  ],
};
