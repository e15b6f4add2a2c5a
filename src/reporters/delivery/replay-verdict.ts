/** What replaying one outbox record came to: delivered (and removed), or left, with why. */
export type ReplayVerdict = { delivered: true } | { delivered: false; reason: string };
