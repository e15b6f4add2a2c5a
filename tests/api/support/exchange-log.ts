/** One request the suite sent and the response it got, as a failing test reports it. */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
}

const secretHeader =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|.*token.*|.*secret.*)$/i;
const secretParam = /(token|secret|password|api[-_]?key|signature)/i;
const bodyLimit = 4_000;

/** Text for a test attachment: every exchange, secrets replaced by `***`, bodies capped. */
export function formatExchanges(exchanges: readonly Exchange[]): string {
  return exchanges
    .map((exchange, index) =>
      [
        `#${index + 1} ${exchange.method} ${maskUrl(exchange.url)}`,
        ...headerLines(exchange.requestHeaders),
        ...(exchange.requestBody === undefined ? [] : ["", cap(stringify(exchange.requestBody))]),
        "",
        `→ ${exchange.status}`,
        ...headerLines(exchange.responseHeaders),
        "",
        cap(exchange.responseBody),
      ].join("\n"),
    )
    .join("\n\n");
}

function headerLines(headers: Record<string, string>): string[] {
  return Object.entries(headers).map(
    ([name, value]) => `${name}: ${secretHeader.test(name) ? maskValue(value) : value}`,
  );
}

/** Keeps the scheme word (`Bearer`) so a reader can tell which kind of credential was sent. */
function maskValue(value: string): string {
  const scheme = /^(Bearer|Basic|Token)\s/i.exec(value)?.[1];
  return scheme ? `${scheme} ***` : "***";
}

function maskUrl(raw: string): string {
  const url = new URL(raw);
  for (const key of [...url.searchParams.keys()]) {
    if (secretParam.test(key)) url.searchParams.set(key, "***");
  }
  return url.toString();
}

function stringify(body: unknown): string {
  return typeof body === "string" ? body : JSON.stringify(body, null, 2);
}

function cap(text: string): string {
  return text.length > bodyLimit ? `${text.slice(0, bodyLimit)}… (${text.length} chars)` : text;
}
