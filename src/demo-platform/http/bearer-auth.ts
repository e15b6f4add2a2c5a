import { timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export type AuthOutcome = "ok" | "missing" | "invalid";

/** Checks `Authorization: Bearer <token>` in constant time. */
export function checkBearer(headers: IncomingHttpHeaders, expectedToken: string): AuthOutcome {
  const header = headers.authorization;
  if (!header) return "missing";
  const match = /^Bearer\s+(.+)$/i.exec(header);
  if (!match?.[1]) return "invalid";
  const given = Buffer.from(match[1]);
  const expected = Buffer.from(expectedToken);
  return given.length === expected.length && timingSafeEqual(given, expected) ? "ok" : "invalid";
}
