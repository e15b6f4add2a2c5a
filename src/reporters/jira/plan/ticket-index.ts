import type { ExistingTicket } from "../existing-tickets.ts";

/**
 * One ticket per fingerprint: an open one when there is one (a failure is tracked where work
 * goes on), else the first the search found.
 */
export function ticketsByFingerprint(
  existing: readonly ExistingTicket[],
): Map<string, ExistingTicket> {
  const groups = Map.groupBy(existing, (ticket) => ticket.fingerprint);
  return new Map(
    [...groups].flatMap(([fingerprint, tickets]) => {
      const chosen = tickets.find((ticket) => !ticket.done) ?? tickets[0];
      return chosen ? [[fingerprint, chosen] as const] : [];
    }),
  );
}
