/**
 * Walks a curl argv into its options in the order written, with curl's own option tables
 * (from curlconverter, so both readers agree on what `-XPOST`, `--data-r` or `-sSL` mean).
 * The order matters for what curlconverter's request object flattens: repeated headers,
 * repeated form fields, and which word each option came from.
 */
import { curlLongOpts, curlLongOptsShortened, curlShortOpts } from "curlconverter";
import type { LongShort } from "curlconverter";
import type { ShellWord } from "./shell-command.ts";
import { clip } from "./clip.ts";

export interface CurlOption {
  /** curl's long name without dashes (`header`, `data-raw`, `url` for a bare URL). */
  name: string;
  /** As written: `-H`, `--data-raw`, `--no-compressed`, or the URL itself. */
  flag: string;
  /** For options that take a value; a bare URL is an option `url` with that value. */
  value?: string;
  /** For switches: on (`--compressed`) or off (`--no-compressed`). */
  enabled?: boolean;
  /** Index of the word that holds the flag. */
  wordIndex: number;
}

/** A word curl itself would refuse; points at the word. */
export class CurlUsageError extends Error {
  readonly wordIndex: number;
  constructor(wordIndex: number, message: string) {
    super(message);
    this.wordIndex = wordIndex;
  }
}

const longOptions: Record<string, LongShort | null | undefined> = curlLongOpts;
const shortenedLongOptions: Record<string, LongShort | null | undefined> = curlLongOptsShortened;
const shortOptions: Record<string, string | undefined> = curlShortOpts;

function lookUpLong(name: string): LongShort | null | undefined {
  const exact = longOptions[name];
  return exact === undefined ? shortenedLongOptions[name] : exact;
}

function isEnabled(written: string): boolean {
  if (written.startsWith("no-disable-")) return true;
  return !(written.startsWith("disable-") || written.startsWith("no-"));
}

/** Reads `words` (the first being the program name) into options; throws CurlUsageError. */
export function readCurlOptions(words: ShellWord[]): CurlOption[] {
  const options: CurlOption[] = [];
  let flagsEnded = false;
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index]?.value ?? "";
    if (flagsEnded || !word.startsWith("-") || word === "-") {
      if (word === "-" && !flagsEnded) {
        throw new CurlUsageError(index, 'a lone "-" is not a curl option');
      }
      options.push({ name: "url", flag: word, value: word, wordIndex: index });
      continue;
    }
    if (word === "--") {
      flagsEnded = true;
      continue;
    }
    const read = word.startsWith("--")
      ? readLongOption(words, index)
      : readShortOptions(words, index);
    options.push(...read.options);
    index += read.valueWords;
  }
  return options;
}

/** Options read from one word, and how many words after it held their values (0 or 1). */
interface WordReading {
  options: CurlOption[];
  valueWords: number;
}

function readLongOption(words: ShellWord[], index: number): WordReading {
  const word = words[index]?.value ?? "";
  const written = word.slice(2);
  const option = lookUpLong(written);
  if (option === null) throw new CurlUsageError(index, `option ${word} is ambiguous`);
  if (option === undefined) throw new CurlUsageError(index, `option ${word} is unknown to curl`);
  if (option.type !== "string") {
    return {
      options: [{ name: option.name, flag: word, enabled: isEnabled(written), wordIndex: index }],
      valueWords: 0,
    };
  }
  const value = words[index + 1];
  if (value === undefined) throw new CurlUsageError(index, `option ${word} needs a value`);
  return {
    options: [{ name: option.name, flag: word, value: value.value, wordIndex: index }],
    valueWords: 1,
  };
}

/** Short options can be bundled (`-sSL`) and take their value attached (`-XPOST`). */
function readShortOptions(words: ShellWord[], index: number): WordReading {
  const word = words[index]?.value ?? "";
  const options: CurlOption[] = [];
  for (let letterAt = 1; letterAt < word.length; letterAt += 1) {
    const letter = word[letterAt] ?? "";
    const longName = shortOptions[letter];
    const option = longName === undefined ? undefined : longOptions[longName];
    if (longName === undefined || !option) {
      throw new CurlUsageError(
        index,
        `option -${letter} (in "${clip(word, 24)}") is unknown to curl`,
      );
    }
    if (option.type === "string") {
      const attached = letterAt + 1 < word.length;
      const next = words[index + 1];
      if (!attached && next === undefined)
        throw new CurlUsageError(index, `option -${letter} needs a value`);
      const value = attached ? word.slice(letterAt + 1) : next!.value;
      options.push({ name: option.name, flag: `-${letter}`, value, wordIndex: index });
      return { options, valueWords: attached ? 0 : 1 };
    }
    options.push({
      name: option.name,
      flag: `-${letter}`,
      enabled: isEnabled(longName),
      wordIndex: index,
    });
  }
  return { options, valueWords: 0 };
}
