/**
 * A captured `304 Not Modified` answered a conditional request (`If-None-Match`,
 * `If-Modified-Since`): without those headers the server answers 200 with a body, and with
 * them it answers 304 with none. The test keeps them, so it asks what the capture asked and
 * expects what the capture got; it never parses the body a 304 (or a 204) cannot have, even
 * when a browser's HAR shows the cached one there.
 */
import type { CapturedRequest } from "../model/captured-request.ts";

const conditionalHeader =
  /^(if-none-match|if-modified-since|if-match|if-unmodified-since|if-range)$/i;

/** Statuses whose response has no body to check. */
export const bodilessStatuses: ReadonlySet<number> = new Set([204, 304]);

/** The noise rule for one request: a 304's conditional headers are never noise. */
export function noiseRuleFor(
  request: Pick<CapturedRequest, "response">,
  isNoiseHeader: (name: string, value: string) => boolean,
): (name: string, value: string) => boolean {
  if (request.response?.status !== 304) return isNoiseHeader;
  return (name, value) => !conditionalHeader.test(name) && isNoiseHeader(name, value);
}
