/**
 * Decodes the inside of a bash `$'…'` string, as browsers' "Copy as cURL" write bodies that
 * hold quotes, newlines or non-ASCII text. Escapes produce bytes (`\xc3\xa9` is "é"), so the
 * result is assembled as bytes and read as UTF-8, as curl would send them.
 */

const SIMPLE_ESCAPES: Record<string, number> = {
  a: 0x07,
  b: 0x08,
  e: 0x1b,
  E: 0x1b,
  f: 0x0c,
  n: 0x0a,
  r: 0x0d,
  t: 0x09,
  v: 0x0b,
  "\\": 0x5c,
  "'": 0x27,
  '"': 0x22,
  "?": 0x3f,
};

const utf8 = new TextEncoder();
const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

export interface DecodedAnsiCString {
  value: string;
  /** Set when escapes produced bytes that are not UTF-8; they became U+FFFD. */
  invalidUtf8: boolean;
}

function hexDigitsAt(content: string, from: number, max: number, pattern: RegExp): string {
  let digits = "";
  while (digits.length < max && pattern.test(content[from + digits.length] ?? "")) {
    digits += content[from + digits.length];
  }
  return digits;
}

export function decodeAnsiCString(content: string): DecodedAnsiCString {
  if (!content.includes("\\")) return { value: content, invalidUtf8: false };
  const bytes: number[] = [];
  const pushText = (text: string): void => {
    for (const byte of utf8.encode(text)) bytes.push(byte);
  };
  let at = 0;
  while (at < content.length) {
    const slash = content.indexOf("\\", at);
    if (slash === -1 || slash === content.length - 1) {
      pushText(content.slice(at));
      break;
    }
    pushText(content.slice(at, slash));
    const kind = content[slash + 1] ?? "";
    const simple = SIMPLE_ESCAPES[kind];
    if (simple !== undefined) {
      bytes.push(simple);
      at = slash + 2;
    } else if (kind === "x") {
      const digits = hexDigitsAt(content, slash + 2, 2, /[0-9A-Fa-f]/);
      if (digits) bytes.push(parseInt(digits, 16));
      else pushText("\\x");
      at = slash + 2 + digits.length;
    } else if (kind === "u" || kind === "U") {
      const digits = hexDigitsAt(content, slash + 2, kind === "u" ? 4 : 8, /[0-9A-Fa-f]/);
      const codePoint = parseInt(digits, 16);
      if (digits && codePoint <= 0x10ffff) pushText(String.fromCodePoint(codePoint));
      else pushText(`\\${kind}${digits}`);
      at = slash + 2 + digits.length;
    } else if (/[0-7]/.test(kind)) {
      const digits = hexDigitsAt(content, slash + 1, 3, /[0-7]/);
      bytes.push(parseInt(digits, 8) & 0xff);
      at = slash + 1 + digits.length;
    } else if (kind === "c" && content[slash + 2] !== undefined) {
      const target = content[slash + 2] ?? "";
      bytes.push(target === "?" ? 0x7f : target.toUpperCase().charCodeAt(0) & 0x1f);
      at = slash + 3;
    } else {
      // bash keeps an unknown escape as written, backslash included.
      pushText(`\\${kind}`);
      at = slash + 2;
    }
  }
  const buffer = Uint8Array.from(bytes);
  try {
    return { value: strictUtf8.decode(buffer), invalidUtf8: false };
  } catch {
    return { value: lenientUtf8.decode(buffer), invalidUtf8: true };
  }
}
