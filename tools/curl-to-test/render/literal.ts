/**
 * The only way captured text enters generated code: as a string literal or a comment built
 * here, or an identifier built by ../model/identifier-names.ts. Nothing captured is ever spliced into code any other way, so no
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

/**
 * A property key for object literals and type members: bare when it is a plain identifier, else
 * a string literal; `__proto__` is computed, since as a plain key it would set the prototype.
 */
export function propertyKey(name: string): string {
  if (name === "__proto__") return `[${stringLiteral(name)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : stringLiteral(name);
}
