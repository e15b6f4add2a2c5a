/**
 * Tells the capture formats apart from their text alone, so `qaops convert` needs no flag:
 * HAR is JSON with a `log`; Windows cmd lines end in ` ^` or quote with `^"`; PowerShell lines
 * end in a backtick or call `curl.exe`; anything else that runs curl is bash.
 */

export type CaptureFormat = "har" | "bash" | "cmd" | "powershell" | "unknown";

const CMD_CONTINUATION = /\s\^\r?\n/;
const CMD_CARET_QUOTE = /\^"/;
const POWERSHELL_CONTINUATION = /\s`\r?\n/;
const POWERSHELL_CURL = /(?:^|[\s;&/\\"'])curl\.exe\b/i;
/** Firefox's Windows copy doubles quotes inside a double-quoted argument: `"{""id"":1}"`. */
const WINDOWS_DOUBLED_QUOTE = /(?:^|\s)"[^"'\s]*[^"'\s\\]""[^"\s]/m;
const BASH_CONTINUATION = /\s\\\r?\n/;
const CURL_WORD = /(?:^|[\s;&|$("'])(?:[\w.:/\\ -]*[/\\])?curl(?:\.exe)?(?=\s|$|["'])/im;

export function detectCaptureFormat(text: string): CaptureFormat {
  const start = text.search(/\S/);
  if (start === -1) return "unknown";
  if (text[start] === "{" && /"log"\s*:/.test(text.slice(start, start + 4096))) return "har";
  if (text[start] === "{" || text[start] === "[") {
    // JSON that is not (yet) a HAR: read as HAR so its syntax error or missing log is shown.
    return "har";
  }
  if (!CURL_WORD.test(text)) return "unknown";
  if (BASH_CONTINUATION.test(text)) return "bash";
  if (CMD_CONTINUATION.test(text) || CMD_CARET_QUOTE.test(text)) return "cmd";
  if (POWERSHELL_CONTINUATION.test(text) || POWERSHELL_CURL.test(text)) return "powershell";
  if (WINDOWS_DOUBLED_QUOTE.test(text)) return "cmd";
  return "bash";
}
