import type { ApiClient } from "../support/api-fixture.ts";
import { etaSettingsSchema, preciseEtaSchema } from "./schemas.ts";
import type { EtaSettings, PreciseEta } from "./schemas.ts";

/** Typed calls the ETA specs share; each asserts the status before parsing the body. */
export async function getPrecise(
  api: ApiClient,
  query: { shopId: number; lat: number; lng: number },
): Promise<{ eta: PreciseEta; cache: string | undefined }> {
  const response = await api.get("/v1/eta/precise", { params: query });
  if (response.status() !== 200) {
    throw new Error(
      `precise ETA for shop ${query.shopId}: ${response.status()} ${await response.text()}`,
    );
  }
  return {
    eta: preciseEtaSchema.parse(await response.json()),
    cache: response.headers()["x-cache"],
  };
}

export async function getSettings(api: ApiClient, shopId: number): Promise<EtaSettings> {
  const response = await api.get(`/v1/shops/${shopId}/eta-settings`);
  if (response.status() !== 200)
    throw new Error(`settings of shop ${shopId}: ${response.status()}`);
  return etaSettingsSchema.parse(await response.json());
}

export async function putSettings(
  api: ApiClient,
  shopId: number,
  settings: { mode: EtaSettings["mode"]; manualMinutes?: number | null },
): Promise<EtaSettings> {
  const response = await api.put(`/v1/shops/${shopId}/eta-settings`, { data: settings });
  if (response.status() !== 200) {
    throw new Error(
      `PUT settings of shop ${shopId}: ${response.status()} ${await response.text()}`,
    );
  }
  return etaSettingsSchema.parse(await response.json());
}

/**
 * A destination no earlier request used: the L1 cache outlives a run when Playwright reuses a
 * running platform. `grid` 2 puts it on the approximate ETA's 0.01° cells, so approximate and
 * precise ETAs are for the very same point; `grid` 4 is an address anywhere in a 0.4° square.
 */
export function freshDestination(grid: 2 | 4): { lat: number; lng: number } {
  // 200 × 200 cells around central Korea, or 4000 × 4000 addresses around Seoul.
  const { spread, lat, lng } =
    grid === 2 ? { spread: 2, lat: 36.5, lng: 126 } : { spread: 0.4, lat: 37.4, lng: 126.85 };
  const step = 10 ** -grid;
  const offset = () => Math.floor((Math.random() * spread) / step) * step;
  return {
    lat: Number((lat + offset()).toFixed(grid)),
    lng: Number((lng + offset()).toFixed(grid)),
  };
}
