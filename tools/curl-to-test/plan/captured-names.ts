import type { CapturedRequest } from "../model/captured-request.ts";
import { requestSlots } from "./request-slots.ts";

/**
 * Every name a capture shows in the open: header, cookie, query and form field names and JSON
 * keys. A secret whose value is one of them (`"password": "password"`) is also written as that
 * name wherever the name appears, which says nothing of the secret.
 */
export function capturedNames(requests: readonly CapturedRequest[]): Set<string> {
  const names = new Set<string>();
  for (const request of requests) {
    for (const header of request.headers) names.add(header.name);
    for (const slot of requestSlots(request)) {
      const place = slot.place;
      if (place.kind === "json") {
        for (const step of place.path) if (typeof step === "string") names.add(step);
      } else if ("name" in place) {
        names.add(place.name);
      }
    }
  }
  return names;
}
