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
  const scanner = new LeafScanner(text);
  if (!scanner.value([], 0)) return null;
  scanner.skipWhitespace();
  return scanner.position === text.length ? scanner.leaves : null;
}

/** A recursive-descent reader of one JSON text that records its scalars as it goes. */
class LeafScanner {
  readonly leaves: JsonLeaf[] = [];
  position = 0;
  readonly #text: string;

  constructor(text: string) {
    this.#text = text;
  }

  value(path: JsonPath, depth: number): boolean {
    if (depth > maxDepth) return false;
    this.skipWhitespace();
    const char = this.#text[this.position];
    if (char === "{") return this.#object(path, depth);
    if (char === "[") return this.#array(path, depth);
    return this.#scalar(path, char);
  }

  skipWhitespace(): void {
    whitespace.lastIndex = this.position;
    whitespace.exec(this.#text);
    this.position = whitespace.lastIndex;
  }

  #object(path: JsonPath, depth: number): boolean {
    this.position += 1;
    this.skipWhitespace();
    if (this.#take("}")) return true;
    for (;;) {
      this.skipWhitespace();
      const key = this.#match(stringToken);
      if (key === null) return false;
      this.skipWhitespace();
      if (!this.#take(":")) return false;
      if (!this.value([...path, JSON.parse(key) as string], depth + 1)) return false;
      this.skipWhitespace();
      if (this.#take("}")) return true;
      if (!this.#take(",")) return false;
    }
  }

  #array(path: JsonPath, depth: number): boolean {
    this.position += 1;
    this.skipWhitespace();
    if (this.#take("]")) return true;
    for (let index = 0; ; index += 1) {
      if (!this.value([...path, index], depth + 1)) return false;
      this.skipWhitespace();
      if (this.#take("]")) return true;
      if (!this.#take(",")) return false;
    }
  }

  #scalar(path: JsonPath, char: string | undefined): boolean {
    const start = this.position;
    let scalar: JsonLeaf["value"];
    const stringText = char === '"' ? this.#match(stringToken) : null;
    if (stringText !== null) scalar = JSON.parse(stringText) as string;
    else if (this.#take("true")) scalar = true;
    else if (this.#take("false")) scalar = false;
    else if (this.#take("null")) scalar = null;
    else {
      const numberText = this.#match(numberToken);
      if (numberText === null) return false;
      scalar = Number(numberText);
    }
    this.leaves.push({ path, value: scalar, start, end: this.position });
    return true;
  }

  #match(token: RegExp): string | null {
    token.lastIndex = this.position;
    const found = token.exec(this.#text);
    if (!found) return null;
    this.position = token.lastIndex;
    return found[0];
  }

  /** Steps over `word` when the text has it here. */
  #take(word: string): boolean {
    if (!this.#text.startsWith(word, this.position)) return false;
    this.position += word.length;
    return true;
  }
}
