import { readdirSync } from "node:fs";

/** The services the demo platform serves, in its port order (order = DEMO_PORT, eta = +1, …). */
const demoServices = ["order", "eta", "recommendation"] as const;

/** Where Playwright starts the demo platform when a demo service has no `<SERVICE>_BASE_URL`. */
export const demoPort = Number(process.env.DEMO_PORT ?? 4310);

/** Folders of tests/api/ that are not services. */
const notServices = new Set(["support"]);

/** Every folder of tests/api/ is one service's Playwright project. */
export function apiServiceFolders(apiTestsDir: string): string[] {
  return readdirSync(apiTestsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !notServices.has(entry.name))
    .map((entry) => entry.name)
    .sort();
}

/** `order` → `ORDER_BASE_URL`; `-` becomes `_`, as the contract says. */
export function baseUrlEnvName(service: string): string {
  return `${service.toUpperCase().replaceAll("-", "_")}_BASE_URL`;
}

/** The env var's URL, else the demo platform's for a demo service, else undefined. */
export function baseUrlFor(service: string): string | undefined {
  const fromEnv = process.env[baseUrlEnvName(service)];
  if (fromEnv) return fromEnv;
  const demoIndex = (demoServices as readonly string[]).indexOf(service);
  return demoIndex === -1 ? undefined : `http://127.0.0.1:${demoPort + demoIndex}`;
}

export function demoPlatformNeeded(services: readonly string[]): boolean {
  return services.some((service) => !process.env[baseUrlEnvName(service)] && baseUrlFor(service));
}
