import type { JsonPath } from "./conversion-plan.ts";

/** A scalar of a JSON text, and where its token sits in that text. */
export interface JsonLeaf {
  path: JsonPath;
  value: string | number | boolean | null;
  /** Offsets of the token in the text, end exclusive (quotes included for strings). */
  start: number;
  end: number;
}

const maxDepth = 256;
const numberToken = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
// eslint-disable-next-line no-control-regex -- JSON strings may not hold raw control characters.
const stringToken = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const whitespace = /[ \t\n\r]*/y;

/**
 * Every scalar of a JSON text with its path and offsets, so a value can be replaced in the
 * captured bytes without re-serialising the rest. Null when the text is not JSON (or nests
 * deeper than any API body would).
 */
export function jsonTextLeaves(text: string): JsonLeaf[] | null {
  const leaves: JsonLeaf[] = [];
  let position = 0;

  const skipWhitespace = (): void => {
    whitespace.lastIndex = position;
    whitespace.exec(text);
    position = whitespace.lastIndex;
  };
  const match = (token: RegExp): string | null => {
    token.lastIndex = position;
    const found = token.exec(text);
    if (!found) return null;
    position = token.lastIndex;
    return found[0];
  };
  const literal = (word: string): boolean => {
    if (!text.startsWith(word, position)) return false;
    position += word.length;
    return true;
  };

  const value = (path: JsonPath, depth: number): boolean => {
    if (depth > maxDepth) return false;
    skipWhitespace();
    const start = position;
    const char = text[position];
    if (char === "{") {
      position += 1;
      skipWhitespace();
      if (text[position] === "}") {
        position += 1;
        return true;
      }
      for (;;) {
        skipWhitespace();
        const key = match(stringToken);
        if (key === null) return false;
        skipWhitespace();
        if (text[position] !== ":") return false;
        position += 1;
        if (!value([...path, JSON.parse(key) as string], depth + 1)) return false;
        skipWhitespace();
        if (text[position] === "}") {
          position += 1;
          return true;
        }
        if (text[position] !== ",") return false;
        position += 1;
      }
    }
    if (char === "[") {
      position += 1;
      skipWhitespace();
      if (text[position] === "]") {
        position += 1;
        return true;
      }
      for (let index = 0; ; index += 1) {
        if (!value([...path, index], depth + 1)) return false;
        skipWhitespace();
        if (text[position] === "]") {
          position += 1;
          return true;
        }
        if (text[position] !== ",") return false;
        position += 1;
      }
    }
    let scalar: JsonLeaf["value"];
    const stringText = char === '"' ? match(stringToken) : null;
    if (stringText !== null) scalar = JSON.parse(stringText) as string;
    else if (literal("true")) scalar = true;
    else if (literal("false")) scalar = false;
    else if (literal("null")) scalar = null;
    else {
      const numberText = match(numberToken);
      if (numberText === null) return false;
      scalar = Number(numberText);
    }
    leaves.push({ path, value: scalar, start, end: position });
    return true;
  };

  if (!value([], 0)) return null;
  skipWhitespace();
  return position === text.length ? leaves : null;
}
