import { z } from "zod";

/** Injected trouble for one route, used to exercise the harness (timeouts, tickets, breaches). */
export const faultSchema = z.object({
  /** `METHOD /path/template`, exactly as the route is declared, or `*` for every route. */
  route: z.string().min(1),
  latencyMs: z.number().int().min(0).max(10_000).default(0),
  errorRate: z.number().min(0).max(1).default(0),
  errorStatus: z.number().int().min(500).max(599).default(503),
});
export type Fault = z.infer<typeof faultSchema>;

/** Off by default; bounded so a forgotten fault cannot hang a run. */
export class FaultInjector {
  readonly #faults = new Map<string, Fault>();

  set(fault: Fault): void {
    this.#faults.set(fault.route, fault);
  }

  clear(): void {
    this.#faults.clear();
  }

  list(): Fault[] {
    return [...this.#faults.values()];
  }

  /** The fault for a route, preferring an exact entry over `*`. */
  for(routeKey: string): Fault | undefined {
    return this.#faults.get(routeKey) ?? this.#faults.get("*");
  }
}
