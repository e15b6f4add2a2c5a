import type { HttpResponse, VUContext, VUEvents } from "artillery";
import { slowResponseMs } from "./objectives.ts";

/* eslint-disable @typescript-eslint/require-await -- Artillery awaits a hook only when it is async */

/**
 * An `afterResponse` hook for every request: the counters the error-rate and slow-share
 * objectives read. Each is emitted (as 0 when nothing happened) so it exists in every report the
 * objectives look at. A status of 400 or more is a failure unless the request expects it.
 */
export async function countOutcome(
  params: { name?: string; expect?: { statusCode?: number | number[] } },
  response: HttpResponse,
  _context: VUContext,
  events: VUEvents,
): Promise<void> {
  const status = response.statusCode ?? 0;
  const expected = [params.expect?.statusCode ?? []].flat();
  const failed = status >= 400 && !expected.includes(status);
  events.emit("counter", "qaops.failed_responses", failed ? 1 : 0);
  const latency = (response.timings as { phases?: { firstByte?: number } } | undefined)?.phases
    ?.firstByte;
  if (params.name) {
    const slow = latency !== undefined && latency > slowResponseMs ? 1 : 0;
    events.emit("counter", `qaops.slow_responses.${params.name}`, slow);
  }
}
