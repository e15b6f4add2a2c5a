/**
 * The only way captured text enters generated code: as a string literal, a comment or an
 * identifier built here. Nothing captured is ever spliced into code any other way, so no
 * backtick, `${`, quote, comment terminator or line separator in a capture can change the program.
 */

/**
 * A double-quoted string literal whose value is exactly `text`. JSON.stringify escapes quotes,
 * backslashes, control characters and lone surrogates; U+2028/U+2029 are escaped too so the
 * literal survives tools that still treat them as line breaks.
 */
export function stringLiteral(text: string): string {
  return JSON.stringify(text).replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");
}

/** A number literal for a finite JSON number; `-0` keeps its sign. */
export function numberLiteral(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${String(value)}`);
  return Object.is(value, -0) ? "-0" : String(value);
}

/** A literal for a JSON scalar: a string, a finite number, a boolean or null. */
export function scalarLiteral(value: string | number | boolean | null): string {
  if (typeof value === "string") return stringLiteral(value);
  if (typeof value === "number") return numberLiteral(value);
  return String(value);
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach a comment.
const lineBreaks = /[\u0000-\u001f\u007f\u2028\u2029]/g;

/**
 * Text safe inside a `//` comment and inside a block comment: line terminators and other
 * control characters become visible escapes, and a star-slash cannot close an enclosing block comment.
 */
export function commentText(text: string): string {
  return text
    .replace(lineBreaks, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, "0")}`)
    .replaceAll("*/", "*\\/");
}

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

/**
 * A property key for object literals and type members: bare when it is a plain identifier, else
 * a string literal; `__proto__` is computed, since as a plain key it would set the prototype.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}
