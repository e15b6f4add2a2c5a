/**
 * Checks on a curl command's method and header arguments that keep generated specs runnable:
 * a method or header name Playwright would refuse at run time is refused here, pointing at the
 * word; blanks around a header name (which curl sends as written) are trimmed with a warning.
 */
import type { CurlOption } from "./curl-options.ts";
import type { ShellWord } from "./shell-command.ts";
import type { WarningNote } from "../model/conversion-warning.ts";

export interface ArgumentFailure {
  offset: number;
  length: number;
  message: string;
}

/** RFC 9110 §5.6.2 `token`: what a method and a header name may be made of. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The word holding an option's value: the flag's own word (`-XPOST`) or the next one. */
function valueWord(words: readonly ShellWord[], option: CurlOption): ShellWord | undefined {
  const flagWord = words[option.wordIndex];
  if (flagWord && flagWord.value !== option.flag) return flagWord;
  return words[option.wordIndex + 1] ?? flagWord;
}

function headerName(raw: string): string | undefined {
  if (raw.startsWith("@")) return undefined;
  const end = raw.search(/[:;]/);
  return end > 0 ? raw.slice(0, end) : undefined;
}

export function argumentFailure(
  words: readonly ShellWord[],
  options: readonly CurlOption[],
): ArgumentFailure | undefined {
  for (const option of options) {
    const word = valueWord(words, option);
    if (option.value === undefined || !word) continue;
    if (option.name === "request" && !TOKEN.test(option.value)) {
      return {
        offset: word.offset,
        length: Math.max(1, word.value.length),
        message: `invalid HTTP method ${JSON.stringify(option.value)}: a method is one word of letters, digits and !#$%&'*+.^_\`|~-`,
      };
    }
    const name = option.name === "header" ? headerName(option.value)?.trim() : undefined;
    if (name !== undefined && name !== "" && !TOKEN.test(name)) {
      return {
        offset: word.offset,
        length: Math.max(1, word.value.length),
        message: `invalid header name ${JSON.stringify(name)}: a header name is one word without blanks, quotes or separators`,
      };
    }
  }
  return undefined;
}

/** Blanks around a header name: curl sends them, a server would not read the header. */
export function headerNameWarnings(options: readonly CurlOption[]): WarningNote[] {
  return options.flatMap((option) => {
    const name = option.name === "header" ? headerName(option.value ?? "") : undefined;
    if (name === undefined || name === name.trim()) return [];
    return [
      {
        code: "header-name-blanks" as const,
        message: `header ${JSON.stringify(name)} has blanks around its name; curl sends them, the test sends "${name.trim()}"`,
      },
    ];
  });
}

/**
 * Indexes of words curlconverter must not see: headers named after JavaScript object keys
 * (`constructor`, `__proto__`) break its header table. The headers themselves are read from
 * the options, so leaving them out changes nothing else.
 */
export function objectKeyHeaderWords(
  words: readonly ShellWord[],
  options: readonly CurlOption[],
): Set<number> {
  const indexes = new Set<number>();
  for (const option of options) {
    const name = option.name === "header" ? headerName(option.value ?? "") : undefined;
    if (name === undefined || !(name.trim().toLowerCase() in Object.prototype)) continue;
    indexes.add(option.wordIndex);
    if (words[option.wordIndex]?.value === option.flag) indexes.add(option.wordIndex + 1);
  }
  return indexes;
}
