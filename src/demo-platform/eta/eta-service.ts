import type { DatabaseSync } from "node:sqlite";
import { invalidRequest, json, problem } from "../http/reply.ts";
import type { Reply } from "../http/reply.ts";
import { parseQuery, parseWith } from "../http/request-validation.ts";
import type { RequestContext, Service } from "../http/route.ts";
import { approximateRange } from "./eta-model.ts";
import type { ShopEtaProfile } from "./eta-model.ts";
import {
  approximateQuerySchema,
  etaSettingsBodySchema,
  preciseQuerySchema,
  shopPathSchema,
} from "./eta-requests.ts";
import type { GeoPoint } from "./haversine.ts";
import { EtaLookup } from "./eta-lookup.ts";
import type { CacheOutcome } from "./eta-lookup.ts";
import { timeOfDay } from "./time-of-day.ts";

export interface EtaServiceDependencies {
  catalog: DatabaseSync;
  clock: () => Date;
  /** L1 cache bounds; the defaults hold a busy evening's worth of shop × destination cells. */
  cache?: { maxEntries?: number; ttlMs?: number };
}

/** Precise ETAs are for an address (~11 m grid); approximate ones for a ~1 km cell. */
const preciseDecimals = 4;
const approximateDecimals = 2;

/**
 * Vendor-facing ETA BFF: the owner's settings decide between manual minutes and the prediction;
 * approximate (shop lists, a band per shop) and precise (detail page, orders) answers.
 */
export function createEtaService(deps: EtaServiceDependencies): Service {
  const etas = new EtaLookup(deps.catalog, deps.cache);
  return {
    name: "eta",
    routes: [
      { method: "GET", path: "/v1/eta/approximate", handle: (ctx) => approximate(etas, ctx) },
      { method: "GET", path: "/v1/eta/precise", handle: (ctx) => precise(etas, ctx) },
      {
        method: "GET",
        path: "/v1/shops/:shopId/eta-settings",
        handle: (ctx) => readSettings(etas, ctx),
      },
      {
        method: "PUT",
        path: "/v1/shops/:shopId/eta-settings",
        handle: (ctx) => writeSettings(etas, ctx),
      },
    ],
  };
}

function approximate(lookup: EtaLookup, { url, now }: RequestContext): Reply {
  const query = parseQuery(approximateQuerySchema, url, ["lat", "lng", "shopIds"]);
  if (!query.ok) return invalidRequest(query.errors);
  const cell = snap(query.value, approximateDecimals);
  const time = timeOfDay(now);
  const unknown: number[] = [];
  const outcomes = new Set<CacheOutcome>();
  const etas = [];
  for (const shopId of query.value.shopIds) {
    const found = lookup.eta("approximate", shopId, cell, time);
    if (!found) {
      unknown.push(shopId);
      continue;
    }
    outcomes.add(found.cache);
    const { prediction, open } = found.eta;
    etas.push({
      shopId,
      open,
      source: prediction.source,
      ...approximateRange(prediction.minutes),
      distanceKm: prediction.distanceKm,
    });
  }
  if (unknown.length > 0) return unknownShops(unknown);
  const cacheHeader = outcomes.size === 1 ? [...outcomes][0]! : "PARTIAL";
  return json(
    200,
    { kind: "approximate", location: cell, timeOfDay: time.period, etas },
    { "x-cache": cacheHeader },
  );
}

function precise(lookup: EtaLookup, { url, now }: RequestContext): Reply {
  const query = parseQuery(preciseQuerySchema, url, ["lat", "lng", "shopId"]);
  if (!query.ok) return invalidRequest(query.errors);
  const { shopId } = query.value;
  const destination = snap(query.value, preciseDecimals);
  const found = lookup.eta("precise", shopId, destination, timeOfDay(now));
  if (!found) return unknownShops([shopId]);
  const { prediction, open, region } = found.eta;
  if (!open) {
    return problem(409, "Shop closed", { detail: `Shop ${shopId} is not taking orders now` });
  }
  const estimatedArrival = new Date(now.getTime() + prediction.minutes * 60_000).toISOString();
  return json(
    200,
    { kind: "precise", shopId, region, destination, ...prediction, estimatedArrival },
    { "x-cache": found.cache },
  );
}

function readSettings(lookup: EtaLookup, { params }: RequestContext): Reply {
  const path = parseWith(shopPathSchema, params);
  if (!path.ok) return invalidRequest(path.errors);
  const shop = lookup.shop(path.value.shopId);
  return shop ? json(200, settingsBody(shop)) : unknownShops([path.value.shopId]);
}

function writeSettings(lookup: EtaLookup, { params, body }: RequestContext): Reply {
  const path = parseWith(shopPathSchema, params);
  if (!path.ok) return invalidRequest(path.errors);
  const { shopId } = path.value;
  const parsed = parseWith(etaSettingsBodySchema, body);
  if (!parsed.ok) return invalidRequest(parsed.errors);
  const shop = lookup.shop(shopId);
  if (!shop) return unknownShops([shopId]);
  const manualMinutes =
    parsed.value.manualMinutes === undefined ? shop.manualMinutes : parsed.value.manualMinutes;
  lookup.saveSettings(shopId, { mode: parsed.value.mode, manualMinutes });
  return json(200, settingsBody({ ...shop, mode: parsed.value.mode, manualMinutes }));
}

function snap(point: GeoPoint, decimals: number): GeoPoint {
  const factor = 10 ** decimals;
  return {
    lat: Math.round(point.lat * factor) / factor,
    lng: Math.round(point.lng * factor) / factor,
  };
}

function settingsBody(shop: ShopEtaProfile) {
  return {
    shopId: shop.shopId,
    mode: shop.mode,
    manualMinutes: shop.manualMinutes,
    prepMinutes: shop.prepMinutes,
    open: shop.open,
  };
}

function unknownShops(shopIds: number[]): Reply {
  const list = shopIds.join(", ");
  return problem(404, "Shop not found", {
    detail: shopIds.length === 1 ? `No shop ${list}` : `No shops ${list}`,
  });
}
