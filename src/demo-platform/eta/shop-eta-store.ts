import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { EtaMode, ShopEtaProfile } from "./eta-model.ts";

export interface EtaSettings {
  mode: EtaMode;
  manualMinutes: number | null;
}

interface ShopRow {
  id: number;
  category: string;
  region: string;
  lat: number;
  lng: number;
  traffic_factor: number;
  prep_minutes: number;
  open: number;
  eta_mode: EtaMode;
  manual_minutes: number | null;
}

/** The shops' ETA settings live in the catalogue; statements are prepared once. */
export class ShopEtaStore {
  readonly #select: StatementSync;
  readonly #update: StatementSync;

  constructor(catalog: DatabaseSync) {
    this.#select = catalog.prepare(`
      SELECT s.id, s.category, s.region, s.lat, s.lng, r.traffic_factor, s.prep_minutes, s.open,
             s.eta_mode, s.manual_minutes
      FROM shops s JOIN regions r ON r.code = s.region
      WHERE s.id = ?`);
    this.#update = catalog.prepare(
      "UPDATE shops SET eta_mode = ?, manual_minutes = ? WHERE id = ?",
    );
  }

  find(shopId: number): ShopEtaProfile | undefined {
    const row = this.#select.get(shopId) as ShopRow | undefined;
    if (!row) return undefined;
    return {
      shopId: row.id,
      category: row.category,
      region: row.region,
      location: { lat: row.lat, lng: row.lng },
      trafficFactor: row.traffic_factor,
      prepMinutes: row.prep_minutes,
      open: row.open === 1,
      mode: row.eta_mode,
      manualMinutes: row.manual_minutes,
    };
  }

  /** `false` when there is no such shop. */
  saveSettings(shopId: number, settings: EtaSettings): boolean {
    const { changes } = this.#update.run(settings.mode, settings.manualMinutes, shopId);
    return Number(changes) > 0;
  }
}
