/**
 * The one reading of a Cookie header (or of the `name=value` that opens a Set-Cookie header):
 * pieces split on `;`, each named up to its first `=`; a piece without `=` is no cookie.
 */

interface CookiePair {
  name: string;
  value: string;
}

/** A cookie and where its value lies in the header: `valueStart`–`valueEnd`, spaces and all. */
interface CookiePiece extends CookiePair {
  valueStart: number;
  valueEnd: number;
}

/** The cookies of the header in their order, names and values trimmed. */
export function cookiePieces(header: string | undefined): CookiePiece[] {
  if (!header) return [];
  const pieces: CookiePiece[] = [];
  let offset = 0;
  for (const piece of header.split(";")) {
    const equals = piece.indexOf("=");
    if (equals !== -1) {
      const valueStart = offset + equals + 1;
      const valueEnd = offset + piece.length;
      const name = piece.slice(0, equals).trim();
      pieces.push({ name, value: header.slice(valueStart, valueEnd).trim(), valueStart, valueEnd });
    }
    offset += piece.length + 1;
  }
  return pieces;
}

/** The `name=value` pairs alone, as a HAR lists a request's cookies. */
export function cookiePairs(header: string | undefined): CookiePair[] {
  return cookiePieces(header).map(({ name, value }) => ({ name, value }));
}

/** The `name=value` a Set-Cookie header sets, before its attributes. */
export function setCookiePair(header: string | undefined): string {
  return header?.split(";")[0] ?? "";
}
