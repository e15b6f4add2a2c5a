/**
 * A captured `304 Not Modified` answered a conditional request (`If-None-Match`,
 * `If-Modified-Since`): without those headers the server answers 200 with a body, and with
 * them it answers 304 with none. The noise rules never drop them, so the test asks what the
 * capture asked and expects what the capture got; it never parses the body a 304 (or a 204)
 * cannot have, even when a browser's HAR shows the cached one there.
 */

/** Statuses whose response has no body to check. */
export const bodilessStatuses: ReadonlySet<number> = new Set([204, 304]);
