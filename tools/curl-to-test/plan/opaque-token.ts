/**
 * Opaque random text: 20+ token characters mixing lower case, upper case and digits; or 32+
 * characters (session ids such as Baidu's 192-character `BDUSS`) of letters and digits whose
 * spread of characters is that of random text, not of words or ids.
 */
export function looksLikeOpaqueToken(value: string): boolean {
  if (!/^[A-Za-z0-9+/=_%.~:-]+$/.test(value) || value.length < 20) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/].filter((each) => each.test(value)).length;
  if (classes === 3) return true;
  return value.length >= 32 && classes >= 2 && bitsPerCharacter(value) >= 3.5;
}

/** Shannon entropy of the text's characters. */
function bitsPerCharacter(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) {
    const share = count / text.length;
    bits -= share * Math.log2(share);
  }
  return bits;
}
