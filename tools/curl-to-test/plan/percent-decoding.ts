/**
 * Percent-decoding that keeps the text as captured when it is not valid percent-encoding: a
 * capture may hold a stray `%` that the server took as it is.
 */
export function percentDecodedOrKept(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The same for form encoding (query strings, urlencoded bodies), where `+` is a space: fully
 * decoded, so that `a%40b.com` reads as the email it is.
 */
export function formDecodedOrKept(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}
