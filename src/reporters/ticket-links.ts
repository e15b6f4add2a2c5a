/** A Jira ticket a failure of this run is tracked in. */
export interface TicketLink {
  fingerprint: string;
  key: string;
  url: string;
}

// Playwright runs the reporters of one run in one process, one after another, in the order the
// config lists them: the Jira reporter, listed before the Slack one, leaves its tickets here.
const links = new Map<string, TicketLink>();

export function publishTicketLinks(entries: readonly TicketLink[]): void {
  for (const entry of entries) links.set(entry.fingerprint, entry);
}

export function ticketLinkFor(fingerprint: string): TicketLink | undefined {
  return links.get(fingerprint);
}
