/**
 * Headers a client sets for its own connection, whatever the capture says: hop-by-hop ones,
 * framing and protocol negotiation. A test never sends the captured ones; the fidelity check
 * and the recorder leave them out of what they compare and replay.
 */
export const hopByHopHeaders: readonly string[] = [
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "upgrade",
  "http2-settings",
  "expect",
];

/**
 * The hop-by-hop headers and those the client derives from the request itself: the host from
 * the URL, the length from the body, the encodings it can decode.
 */
export const transportHeaders: ReadonlySet<string> = new Set([
  ...hopByHopHeaders,
  "host",
  "content-length",
  "accept-encoding",
]);
