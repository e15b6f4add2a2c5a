import { test as base, expect } from "@playwright/test";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { formatExchanges } from "./exchange-log.ts";
import type { Exchange } from "./exchange-log.ts";

type FetchOptions = NonNullable<Parameters<APIRequestContext["fetch"]>[1]>;

export interface ApiRequestOptions extends Omit<FetchOptions, "method"> {
  /** The bearer token to send; `null` sends none. Defaults to `DEMO_API_TOKEN`. */
  token?: string | null;
}

/**
 * The suites' HTTP client: Playwright's request context plus a log of every exchange, which is
 * attached to a failing test (secrets masked) so the report and any ticket show what was sent.
 */
export class ApiClient {
  readonly exchanges: Exchange[] = [];
  readonly #context: APIRequestContext;
  readonly #token: string;

  constructor(context: APIRequestContext, token: string) {
    this.#context = context;
    this.#token = token;
  }

  get(url: string, options: ApiRequestOptions = {}): Promise<APIResponse> {
    return this.send("GET", url, options);
  }
  post(url: string, options: ApiRequestOptions = {}): Promise<APIResponse> {
    return this.send("POST", url, options);
  }
  put(url: string, options: ApiRequestOptions = {}): Promise<APIResponse> {
    return this.send("PUT", url, options);
  }
  patch(url: string, options: ApiRequestOptions = {}): Promise<APIResponse> {
    return this.send("PATCH", url, options);
  }
  delete(url: string, options: ApiRequestOptions = {}): Promise<APIResponse> {
    return this.send("DELETE", url, options);
  }

  async send(method: string, url: string, options: ApiRequestOptions = {}): Promise<APIResponse> {
    const { token = this.#token, headers = {}, ...rest } = options;
    const requestHeaders =
      token === null ? headers : { authorization: `Bearer ${token}`, ...headers };
    const response = await this.#context.fetch(url, { ...rest, method, headers: requestHeaders });
    this.exchanges.push({
      method,
      url: response.url(),
      requestHeaders,
      requestBody: rest.data,
      status: response.status(),
      responseHeaders: response.headers(),
      responseBody: await response.text(),
    });
    return response;
  }
}

export const test = base.extend<{ api: ApiClient }>({
  api: async ({ playwright, baseURL }, use, testInfo) => {
    const context = await playwright.request.newContext(baseURL ? { baseURL } : {});
    const client = new ApiClient(context, process.env.DEMO_API_TOKEN || "demo-token");
    await use(client);
    if (testInfo.status !== testInfo.expectedStatus && client.exchanges.length > 0) {
      await testInfo.attach("api-exchanges", {
        body: formatExchanges(client.exchanges),
        contentType: "text/plain",
      });
    }
    await context.dispose();
  },
});

export { expect };
