import { stringLiteral } from "./literal.ts";

/**
 * Code that percent-encodes the text `textCode` evaluates to as curl's `--data-urlencode` and
 * `--url-query` do, after `name=` when the option named one. curl escapes everything but
 * letters, digits and -._~, and writes a space as `+`; encodeURIComponent leaves !'()*, which
 * the code escapes too.
 */
export function urlencodeLikeCurlCode(textCode: string, name: string | undefined): string {
  const encoded = `encodeURIComponent(${textCode}).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replaceAll("%20", "+")`;
  return name === undefined ? encoded : `${stringLiteral(`${name}=`)} + ${encoded}`;
}
