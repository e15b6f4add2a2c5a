import type { HttpFlowStep, Scenario } from "artillery";
import { deliveryTrafficMix } from "./traffic-mix.ts";
import type { Endpoint } from "./traffic-mix.ts";

/**
 * The delivery traffic as Artillery scenarios, one per call of the mix and weighted like it, so
 * one arrival is one call and the arrival rate is the request rate. Each request is named after
 * its endpoint (what the objectives and the per-endpoint metrics group by); its URL, headers and
 * body come from the processor (delivery-processor.ts), which draws them from the test data.
 */
interface CallOptions {
  endpoint: string;
  /** The processor hook that sets the request's URL, headers and body. */
  hook: string;
  status: number;
  afterResponse?: string[];
}

function request(options: CallOptions) {
  return {
    url: "/",
    name: options.endpoint,
    beforeRequest: options.hook,
    afterResponse: ["countOutcome", ...(options.afterResponse ?? [])],
    expect: { statusCode: options.status },
  };
}

const get = (endpoint: string, hook: string): HttpFlowStep => ({
  get: request({ endpoint, hook, status: 200 }),
});

function placeOrder(ifTrue?: string): HttpFlowStep {
  const create = request({
    endpoint: "order-create",
    hook: "createOrder",
    status: 201,
    afterResponse: ["rememberOrder"],
  });
  return { post: ifTrue ? { ...create, ifTrue } : create };
}

/** An order read or cancel: of an order this worker placed, or, before it has one, a create. */
function withPlacedOrder(choose: string, step: HttpFlowStep): HttpFlowStep[] {
  return [{ function: choose }, step, placeOrder("lacksPlacedOrder")];
}

const orderGet = (): HttpFlowStep => ({
  get: {
    ...request({ endpoint: "order-get", hook: "getOrder", status: 200 }),
    ifTrue: "hasPlacedOrder",
  },
});

const orderCancel = (): HttpFlowStep => ({
  post: {
    ...request({ endpoint: "order-cancel", hook: "cancelOrder", status: 200 }),
    ifTrue: "hasPlacedOrder",
  },
});

const flows: Record<Endpoint, () => HttpFlowStep[]> = {
  "eta-approximate": () => [get("eta-approximate", "approximateEta")],
  "eta-precise": () => [get("eta-precise", "preciseEta")],
  recommendation: () => [get("recommendation", "recommend")],
  "order-list": () => [get("order-list", "listOrders")],
  "order-create": () => [placeOrder()],
  "order-get": () => withPlacedOrder("chooseReadOrder", orderGet()),
  "order-cancel": () => withPlacedOrder("chooseCancelOrder", orderCancel()),
};

/** The weighted mix: what every load scenario (all but smoke) runs. */
export function deliveryTrafficScenarios(): Scenario[] {
  return deliveryTrafficMix.map(({ endpoint, weight }) => ({
    name: endpoint,
    weight,
    beforeScenario: "arrive",
    afterScenario: "depart",
    flow: flows[endpoint](),
  }));
}

/** Every call of the mix once, in a natural order (browse, recommend, order, read, cancel), then
 * the reads outside the mix: smoke's single flow. */
export function everyCallOnce(): Scenario[] {
  return [
    {
      name: "every call once",
      flow: [
        get("eta-approximate", "approximateEta"),
        get("eta-precise", "preciseEta"),
        get("recommendation", "recommend"),
        placeOrder(),
        { function: "chooseReadOrder" },
        orderGet(),
        get("order-list", "listOrders"),
        { function: "chooseCancelOrder" },
        orderCancel(),
        get("order-menu", "shopMenu"),
        get("eta-settings", "etaSettings"),
        get("recommendation-feedback", "memberFeedback"),
      ],
    },
  ];
}
