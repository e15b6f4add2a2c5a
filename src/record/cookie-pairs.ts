/** The `name=value` pairs of a Cookie header (or of a Set-Cookie's first piece), trimmed. */
export function cookiePairs(header: string | undefined): { name: string; value: string }[] {
  if (!header) return [];
  return header.split(";").flatMap((piece) => {
    const equals = piece.indexOf("=");
    if (equals === -1) return [];
    return [{ name: piece.slice(0, equals).trim(), value: piece.slice(equals + 1).trim() }];
  });
}
