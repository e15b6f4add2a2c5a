import type { IncomingHttpHeaders } from "node:http";
import { parseId } from "./order-requests.ts";

/** Names the member a client acts for; without it the bearer token acts as staff. */
const actingMemberHeader = "x-member-id";

export type Actor = { kind: "staff" } | { kind: "member"; memberId: number };

/** Undefined when the header is present but not a member id. */
export function actorOf(headers: IncomingHttpHeaders): Actor | undefined {
  const raw = headers[actingMemberHeader];
  if (raw === undefined) return { kind: "staff" };
  const memberId = parseId(Array.isArray(raw) ? undefined : raw.trim());
  return memberId === undefined ? undefined : { kind: "member", memberId };
}

/** Staff may act for anyone; a member only for themself. */
export function mayActFor(actor: Actor, memberId: number): boolean {
  return actor.kind === "staff" || actor.memberId === memberId;
}
