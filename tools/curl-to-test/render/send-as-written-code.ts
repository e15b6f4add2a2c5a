import { stringLiteral } from "./literal.ts";

/**
 * The call that sends a request with undici instead of Playwright's `request` fixture, for what
 * the fixture would change (plan/fixture-limits.ts). `options` are the fixture's options the
 * request would have had (`headers`, `data`, `maxRedirects`), which the helper takes as they are.
 */
export function sendAsWrittenCall(url: string, method: string, options: readonly string[]): string {
  return `sendAsWritten(new URL(${url}, baseURL), { ${[`method: ${stringLiteral(method)}`, ...options].join(", ")} })`;
}

/** `sendAsWritten(url, options)`: one request through undici, answered like the fixture. */
export const sendAsWrittenHelperLines: readonly string[] = [
  "/**",
  " * Sends one request with undici exactly as written, where Playwright's request fixture would",
  " * change it (its TODO says how). Follows redirects as the fixture does, and answers with the",
  " * part of the fixture's APIResponse the test reads.",
  " */",
  "async function sendAsWritten(",
  "  url: URL,",
  "  options: {",
  "    method: string;",
  "    headers?: Record<string, string>;",
  "    data?: string | Buffer;",
  "    maxRedirects?: number;",
  "  },",
  "): Promise<{ ok(): boolean; status(): number; json(): Promise<unknown> }> {",
  "  const agent = new undici.Agent();",
  "  try {",
  "    const response = await undici.request(url, {",
  "      method: options.method,",
  "      headers: options.headers,",
  "      body: options.data,",
  "      dispatcher: agent.compose(",
  "        undici.interceptors.redirect({ maxRedirections: options.maxRedirects ?? 20 }),",
  "      ),",
  "    });",
  "    const text = await response.body.text();",
  "    return {",
  "      ok: () => response.statusCode >= 200 && response.statusCode < 300,",
  "      status: () => response.statusCode,",
  "      json: () => Promise.resolve(JSON.parse(text) as unknown),",
  "    };",
  "  } finally {",
  "    await agent.close();",
  "  }",
  "}",
  "",
];
