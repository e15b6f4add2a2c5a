/**
 * Names built from captured text: the words of a path or a field, and the identifiers made of
 * them. Planning names flows and variables with these; rendering declares them as they are.
 */

/** Never an identifier: JavaScript's reserved words and the names generated files use themselves. */
const reservedWords = new Set(
  (
    "await break case catch class const continue debugger default delete do else enum export " +
    "extends false finally for function if implements import in instanceof interface let new " +
    "null package private protected public return static super switch this throw true try " +
    "typeof var void while with yield arguments eval undefined async of type any unknown never " +
    "string number boolean object symbol bigint expect test z request response body process"
  ).split(" "),
);

/** Words of a name: splits on anything that is not a letter or digit, and on camelCase humps. */
export function nameWords(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0)
    .map((word) => word.toLowerCase());
}

/** `["get", "orders", "by", "id"]` → `getOrdersById`; never a reserved word, never empty. */
export function camelIdentifier(words: readonly string[], fallback = "value"): string {
  const parts = words.flatMap((word) => nameWords(word));
  const joined = parts
    .map((word, index) => (index === 0 ? word : word[0]!.toUpperCase() + word.slice(1)))
    .join("");
  const safe = /^[0-9]/.test(joined) ? `_${joined}` : joined;
  if (safe.length === 0) return fallback;
  return reservedWords.has(safe) ? `${safe}Value` : safe;
}

/** `["get", "orders"]` → `GetOrders`, for interface and type names. */
export function pascalIdentifier(words: readonly string[], fallback = "Value"): string {
  const camel = camelIdentifier(words, fallback);
  return camel.startsWith("_") ? camel : camel[0]!.toUpperCase() + camel.slice(1);
}
