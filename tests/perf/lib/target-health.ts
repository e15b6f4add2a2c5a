import http from "k6/http";
import { baseUrls } from "./targets.ts";

/**
 * For `setup()`: stops the run before any load when a service does not answer `/health`, so a
 * target that is down reads as that, not as a flood of failed requests.
 */
export function assertTargetsHealthy(): void {
  const down: string[] = [];
  for (const [service, url] of Object.entries(baseUrls)) {
    const response = http.get(`${url}/health`, { tags: { endpoint: "health" }, timeout: "5s" });
    if (response.status !== 200) {
      const why = response.error ? response.error : `status ${response.status}`;
      down.push(`${service} at ${url} (${why})`);
    }
  }
  if (down.length > 0) {
    throw new Error(
      `not answering GET /health: ${down.join("; ")}. Start the demo platform (qaops demo) or set <SERVICE>_BASE_URL.`,
    );
  }
}
