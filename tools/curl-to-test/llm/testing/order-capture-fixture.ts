/**
 * A HAR capture of an order API holding every kind of thing that must never reach a model (a
 * bearer JWT, an API key, a session token in a response, an email, Korean phone numbers in
 * two formats, a street address, a recipient's name) and a good refinement for it, with a few
 * proposals the capture contradicts mixed in.
 */
import type { CapturedExchange } from "./har-capture-builder.ts";
import { harText } from "./har-capture-builder.ts";
import type { PlanRefinement } from "../refinement-schema.ts";

export const fixtureSecrets = {
  bearer: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJlLXZhbHVlLWxvbmc",
  apiKey: "sk_live_51HxYzAbCdEfGhIjKl",
  responseSession: "sess_9fK2mQx7LpR4tZ8wN3vB",
};

export const fixturePersonalData = {
  email: "minji.kim@example.com",
  mobile: "010-1234-5678",
  mobileInternational: "+82 10-9876-5432",
  address: "12 Teheran-ro, Gangnam-gu",
  recipient: "Kim Minji",
};

const host = "https://shop.example.com";

const orderBody = {
  id: 7,
  memberId: 42,
  status: "PLACED",
  items: [
    { menuItemId: 1, unitPrice: 13500, quantity: 2, lineTotal: 27000 },
    { menuItemId: 3, unitPrice: 8500, quantity: 1, lineTotal: 8500 },
  ],
  subtotal: 35500,
  deliveryFee: 0,
  total: 35500,
  currency: "KRW",
  recipient: fixturePersonalData.recipient,
  contactPhone: fixturePersonalData.mobileInternational,
  deliveryAddress: fixturePersonalData.address,
  sessionToken: fixtureSecrets.responseSession,
  shard: 3,
  placedAt: "2026-01-01T12:00:00.000Z",
};

const orderCaptureExchanges: CapturedExchange[] = [
  {
    request: {
      method: "POST",
      url: `${host}/v1/orders`,
      headers: {
        authorization: `Bearer ${fixtureSecrets.bearer}`,
        "content-type": "application/json",
      },
      bodyText: JSON.stringify({
        memberId: 42,
        items: [
          { menuItemId: 1, quantity: 2 },
          { menuItemId: 3, quantity: 1 },
        ],
        recipient: fixturePersonalData.recipient,
        contactPhone: fixturePersonalData.mobile,
        email: fixturePersonalData.email,
        deliveryAddress: fixturePersonalData.address,
      }),
    },
    response: {
      status: 201,
      statusText: "Created",
      mimeType: "application/json",
      bodyText: JSON.stringify(orderBody),
    },
  },
  {
    request: {
      method: "GET",
      url: `${host}/v1/orders/7`,
      headers: { authorization: `Bearer ${fixtureSecrets.bearer}` },
    },
    response: {
      status: 200,
      statusText: "OK",
      mimeType: "application/json",
      bodyText: JSON.stringify(orderBody),
    },
  },
  {
    request: {
      method: "GET",
      url: `${host}/v1/shops/1/menu?contact=${encodeURIComponent(fixturePersonalData.email)}`,
      headers: { "x-api-key": fixtureSecrets.apiKey },
    },
    response: {
      status: 200,
      statusText: "OK",
      mimeType: "application/json",
      bodyText: JSON.stringify({
        shopId: 1,
        name: "Gangnam chicken #1",
        open: true,
        items: [{ menuItemId: 1, name: "chicken dish 1", price: 13500, available: true }],
      }),
    },
  },
];

export const orderCaptureHar = harText(orderCaptureExchanges);

/** Ids in the plan of this capture: s1 the flow of e1 (POST) and e2 (GET by id); s2 e3 (menu). */
export const goodOrderRefinement: PlanRefinement = {
  specs: [
    { specId: "s1", title: "ordering" },
    { specId: "s2", title: "shop menu" },
    { specId: "s7", title: "a spec that does not exist" },
  ],
  exchanges: [
    {
      exchangeId: "e1",
      title: "places an order priced from the catalogue",
      description: "A member orders two dishes; the server prices them and adds the fee.",
      dynamicFields: [
        { path: ["shard"], reason: "depends on the order sequence" },
        { path: ["totl"], reason: "a field the capture does not have" },
      ],
      stableFields: [{ path: ["memberId"], reason: "the request fixes it" }],
      businessRules: [
        {
          kind: "sum",
          description: "total = subtotal + deliveryFee",
          target: ["total"],
          terms: [["subtotal"], ["deliveryFee"]],
        },
        {
          kind: "sum-of-products",
          description: "subtotal = sum of unitPrice × quantity",
          target: ["subtotal"],
          items: ["items"],
          factors: ["unitPrice", "quantity"],
        },
        {
          kind: "product-per-item",
          description: "lineTotal = unitPrice × quantity",
          items: ["items"],
          target: "lineTotal",
          factors: ["unitPrice", "quantity"],
        },
        { kind: "sum", description: "grand total", target: ["grandTotal"], terms: [["total"]] },
        {
          kind: "sum",
          description: "total = subtotal + shard",
          target: ["total"],
          terms: [["subtotal"], ["shard"]],
        },
      ],
      negativeCases: [
        { kind: "no-auth", title: "refuses an order without credentials", expectedStatus: 401 },
        {
          kind: "invalid-field",
          title: "refuses a zero quantity",
          field: ["items", 0, "quantity"],
          invalidValueJson: "0",
          expectedStatus: 400,
        },
        {
          kind: "invalid-field",
          title: "refuses an unknown coupon",
          field: ["coupon"],
          invalidValueJson: '"X"',
          expectedStatus: 400,
        },
      ],
    },
    {
      exchangeId: "e2",
      title: "reads the order back",
      description: "",
      dynamicFields: [],
      stableFields: [],
      businessRules: [],
      negativeCases: [],
    },
    {
      exchangeId: "e3",
      title: "shows a shop's menu",
      description: "The menu an order is placed from.",
      dynamicFields: [],
      stableFields: [],
      businessRules: [],
      negativeCases: [
        {
          kind: "unknown-id",
          title: "has no menu for an unknown shop",
          pathSegment: "1",
          unknownValue: "999999",
          expectedStatus: 404,
        },
        {
          kind: "unknown-id",
          title: "names a segment the URL lacks",
          pathSegment: "99",
          unknownValue: "1",
          expectedStatus: 404,
        },
      ],
    },
    {
      exchangeId: "e9",
      title: "an exchange that does not exist",
      description: "",
      dynamicFields: [],
      stableFields: [],
      businessRules: [],
      negativeCases: [],
    },
  ],
  flows: [
    { title: "a member places an order and reads it back", exchangeIds: ["e1", "e2"] },
    { title: "a flow of a row and a step", exchangeIds: ["e1", "e3"] },
  ],
  correlations: [
    { fromExchangeId: "e1", responsePath: ["id"], toExchangeId: "e2" },
    { fromExchangeId: "e2", responsePath: ["total"], toExchangeId: "e1" },
  ],
};
