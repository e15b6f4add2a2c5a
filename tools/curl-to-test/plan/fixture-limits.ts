import type { WarningNote } from "../model/conversion-warning.ts";
import type { PlannedRequest } from "./conversion-plan.ts";

/**
 * What Playwright's `request` fixture would send differently from the capture, in words; a
 * request with any of these goes through undici instead (render/send-as-written-code.ts).
 * Playwright's server-side fetch upper-cases every method, and gives every body (a string or a
 * Buffer alike) `Content-Type: application/octet-stream` when the request names none; neither
 * can be turned off. It also copies headers into a plain object, where a header named
 * `__proto__` sets the prototype instead, and is not sent.
 */
export function fixtureLimits(request: PlannedRequest): string[] {
  const limits: string[] = [];
  const method = request.method.toUpperCase();
  if (method !== request.method) {
    limits.push(`method ${request.method}: Playwright's request fixture would send ${method}`);
  }
  const body = request.body.kind;
  const sendsBytes = body === "text" || body === "binary" || body === "file" || body === "json";
  if (sendsBytes && !request.headers.some((header) => /^content-type$/i.test(header.name))) {
    limits.push(
      "the capture sent the body without a Content-Type; Playwright's request fixture would add application/octet-stream",
    );
  }
  if (request.headers.some((header) => header.name === "__proto__")) {
    limits.push("header __proto__: Playwright's request fixture would leave it out");
  }
  return limits;
}

/** The TODO that says why a request is not sent with the fixture. */
export function fixtureLimitTodo(limit: string): WarningNote {
  return {
    code: "sent-as-written",
    message: `${limit}, so the test sends this request with undici, as written`,
  };
}

/** Whether the request goes through undici, since the fixture would change it. */
export function sendsAsWritten(request: PlannedRequest): boolean {
  return fixtureLimits(request).length > 0;
}
