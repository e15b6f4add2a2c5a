import type { IncomingMessage } from "node:http";
import type { Reply } from "./reply.ts";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RequestContext {
  method: string;
  url: URL;
  /** Path parameters named by `:name` segments of the route's path. */
  params: Record<string, string>;
  headers: IncomingMessage["headers"];
  /** The parsed JSON body; undefined when the request has none. Invalid JSON never gets here. */
  body: unknown;
  now: Date;
}

export interface Route {
  method: HttpMethod;
  /** e.g. `/v1/orders/:orderId`; also the key that faults are configured by. */
  path: string;
  /** Whether the route requires the bearer token. Defaults to true. */
  authenticated?: boolean;
  handle(context: RequestContext): Reply | Promise<Reply>;
}

export interface Service {
  name: string;
  routes: Route[];
  close?(): void;
}
