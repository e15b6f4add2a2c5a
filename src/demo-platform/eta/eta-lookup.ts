import type { DatabaseSync } from "node:sqlite";
import { predictEta } from "./eta-model.ts";
import type { EtaPrediction, ShopEtaProfile } from "./eta-model.ts";
import type { GeoPoint } from "./haversine.ts";
import { ShopEtaStore } from "./shop-eta-store.ts";
import type { TimeOfDay } from "./time-of-day.ts";
import { TtlCache } from "./ttl-cache.ts";

/** A cached prediction carries what the response needs so a hit never touches the catalogue. */
export interface CachedEta {
  prediction: EtaPrediction;
  open: boolean;
  region: string;
}

export type CacheOutcome = "HIT" | "MISS";

/** Shops' ETA settings and predictions, with the L1 cache in front of the predictions. */
export class EtaLookup {
  readonly #shops: ShopEtaStore;
  readonly #cache: TtlCache<CachedEta>;
  // A settings change bumps the shop's generation, which is part of every cache key: entries made
  // under the old settings can never be read again and age out of the LRU.
  readonly #settingsGeneration = new Map<number, number>();

  constructor(catalog: DatabaseSync, cache: { maxEntries?: number; ttlMs?: number } = {}) {
    this.#shops = new ShopEtaStore(catalog);
    this.#cache = new TtlCache<CachedEta>({
      maxEntries: cache.maxEntries ?? 20_000,
      ttlMs: cache.ttlMs ?? 60_000,
    });
  }

  /** The prediction for a shop and a destination, cached; undefined for an unknown shop. */
  eta(
    kind: "approximate" | "precise",
    shopId: number,
    point: GeoPoint,
    time: TimeOfDay,
  ): { eta: CachedEta; cache: CacheOutcome } | undefined {
    const key = `${kind}|${shopId}@${this.#settingsGeneration.get(shopId) ?? 0}|${point.lat}|${point.lng}|${time.period}`;
    const cached = this.#cache.get(key);
    if (cached) return { eta: cached, cache: "HIT" };
    const shop = this.#shops.find(shopId);
    if (!shop) return undefined;
    const eta = { prediction: predictEta(shop, point, time), open: shop.open, region: shop.region };
    this.#cache.set(key, eta);
    return { eta, cache: "MISS" };
  }

  shop(shopId: number): ShopEtaProfile | undefined {
    return this.#shops.find(shopId);
  }

  /** Saves the owner's settings; predictions cached under the old ones are never read again. */
  saveSettings(shopId: number, settings: Parameters<ShopEtaStore["saveSettings"]>[1]): void {
    this.#shops.saveSettings(shopId, settings);
    this.#settingsGeneration.set(shopId, (this.#settingsGeneration.get(shopId) ?? 0) + 1);
  }
}
