import type { CapturedRequest } from "../model/captured-request.ts";
import type { JsonPath } from "./conversion-plan.ts";
import type { SecretLocator, SecretSlot } from "./plan-conversion.ts";
import type { RequestSlot } from "./request-slots.ts";
import { findSecrets } from "./secret-finder.ts";
import type { SecretFinding } from "./secret-finder.ts";

/**
 * The slots that hold the secrets `findSecrets` detects. A finding no slot holds is reported
 * as unplaced, and the planner refuses that request rather than render its secret. Secrets in
 * the response are returned as paths, so they are asserted by type, never by value.
 */
export const locateSecretSlots: SecretLocator = (
  request: CapturedRequest,
  slots: readonly RequestSlot[],
) => {
  const placed: SecretSlot[] = [];
  const unplaced: string[] = [];
  const responsePaths: JsonPath[] = [];
  for (const finding of findSecrets(request)) {
    const place = finding.place;
    if (place.kind === "response-json") {
      responsePaths.push(place.path);
      continue;
    }
    // Response headers are never asserted; URL user info never reaches a test (requests are
    // relative to baseURL, and the intake already sent it as an Authorization header).
    if (
      place.kind === "response-header" ||
      place.kind === "response-cookie" ||
      place.kind === "url-userinfo"
    ) {
      continue;
    }
    const indexes = slots.flatMap((slot, index) => (holds(slot, finding) ? [index] : []));
    if (indexes.length === 0) unplaced.push(finding.description);
    for (const slotIndex of indexes) {
      placed.push({ slotIndex, envName: finding.envName, description: finding.description });
    }
  }
  return { slots: placed, unplaced, responsePaths };
};

function holds(slot: RequestSlot, finding: SecretFinding): boolean {
  const place = finding.place;
  const area = slot.area;
  const at = slot.place;
  switch (place.kind) {
    case "credential":
      return area.kind === "header" && area.index === place.headerIndex && at.kind === "credential";
    case "header":
      return area.kind === "header" && area.index === place.headerIndex && at.kind === "header";
    case "cookie":
      return (
        area.kind === "header" &&
        area.index === place.headerIndex &&
        at.kind === "cookie" &&
        at.name === place.cookie
      );
    case "query":
      return at.kind === "query" && at.name === place.parameter;
    case "path-segment":
      return at.kind === "path-segment" && at.index === place.index;
    case "json":
      return at.kind === "json" && JSON.stringify(at.path) === JSON.stringify(place.path);
    case "form":
      return at.kind === "form" && at.name === place.field;
    case "multipart":
      return area.kind === "multipart" && area.index === place.partIndex;
    case "text-body":
      return at.kind === "text-token";
    default:
      return false;
  }
}
