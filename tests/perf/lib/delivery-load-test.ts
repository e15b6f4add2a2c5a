import { fileURLToPath } from "node:url";
import type { LoadTest } from "../../../src/perf/scenario/load-test.ts";
import { artilleryLoadTest } from "./profiles.ts";
import type { LoadTestOptions } from "./profiles.ts";

/**
 * A delivery scenario: its flows' hooks come from delivery-processor.ts. Kept apart from
 * profiles.ts, which captured scenarios bundle into their workers, where no import.meta exists.
 */
export function deliveryLoadTest(options: Omit<LoadTestOptions, "processor">): LoadTest {
  const processor = fileURLToPath(new URL("./delivery-processor.ts", import.meta.url));
  return artilleryLoadTest({ ...options, processor });
}
