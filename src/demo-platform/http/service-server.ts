import { createServer } from "node:http";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { checkBearer } from "./bearer-auth.ts";
import { FaultInjector, faultSchema } from "./faults.ts";
import { json, problem } from "./reply.ts";
import { fieldErrorsOf } from "./request-validation.ts";
import type { Reply } from "./reply.ts";
import type { Route, Service } from "./route.ts";
import { Router } from "./router.ts";

const maxBodyBytes = 1024 * 1024;

export interface ServiceServerOptions {
  service: Service;
  host: string;
  port: number;
  apiToken: string;
  /** One line per request; omitted means silent. */
  log?: (line: string) => void;
  clock?: () => Date;
}

export interface RunningService {
  name: string;
  url: string;
  faults: FaultInjector;
  close(): Promise<void>;
}

/**
 * One HTTP server per service: bearer auth, JSON bodies, problem+json errors, faults, logs, and
 * the operational routes every service has (`/health`, `/__admin/faults`).
 */
export async function startServiceServer(options: ServiceServerOptions): Promise<RunningService> {
  const faults = new FaultInjector();
  const routes = [...options.service.routes, ...operationalRoutes(options.service.name, faults)];
  const router = new Router(routes);
  const clock = options.clock ?? (() => new Date());

  const server = createServer((req, res) => {
    const started = performance.now();
    handle(req, { router, faults, apiToken: options.apiToken, clock })
      .catch((error: unknown) => {
        options.log?.(`${options.service.name} internal error: ${String(error)}`);
        return problem(500, "Internal Server Error");
      })
      .then((reply) => {
        send(res, reply);
        const ms = (performance.now() - started).toFixed(1);
        options.log?.(`${options.service.name} ${req.method} ${req.url} ${reply.status} ${ms}ms`);
      })
      .catch(() => res.destroy());
  });
  server.keepAliveTimeout = 5_000;

  await listen(server, options.host, options.port);
  const { port } = server.address() as AddressInfo;
  return {
    name: options.service.name,
    url: `http://${options.host}:${port}`,
    faults,
    close: () => close(server, options.service),
  };
}

interface HandleDependencies {
  router: Router;
  faults: FaultInjector;
  apiToken: string;
  clock: () => Date;
}

async function handle(req: IncomingMessage, deps: HandleDependencies): Promise<Reply> {
  const url = new URL(req.url ?? "/", "http://demo.invalid");
  const method = req.method ?? "GET";
  const match = deps.router.match(method, url.pathname);
  if (match === undefined) return problem(404, "Not Found", { detail: `No route ${url.pathname}` });
  if (match === "method-not-allowed") {
    const allow = deps.router.allowedMethods(url.pathname).join(", ");
    return problem(405, "Method Not Allowed", { headers: { allow } });
  }
  const { route, params } = match;

  if (route.authenticated !== false) {
    const outcome = checkBearer(req.headers, deps.apiToken);
    if (outcome !== "ok") {
      return problem(401, "Unauthorized", {
        detail: outcome === "missing" ? "Bearer token required" : "Bearer token not accepted",
        headers: { "www-authenticate": 'Bearer realm="demo"' },
      });
    }
  }

  const fault = deps.faults.for(routeKey(route));
  if (fault && fault.latencyMs > 0) await sleep(fault.latencyMs);
  if (fault && fault.errorRate > 0 && Math.random() < fault.errorRate) {
    return problem(fault.errorStatus, "Injected fault", { detail: "A demo fault is configured" });
  }

  const raw = await readBody(req);
  if (raw === "too-large") return problem(413, "Content Too Large");
  let body: unknown;
  if (raw.length > 0) {
    try {
      body = JSON.parse(raw.toString("utf8"));
    } catch {
      return problem(400, "Malformed JSON", { detail: "The request body is not valid JSON" });
    }
  }
  return route.handle({ method, url, params, headers: req.headers, body, now: deps.clock() });
}

export function routeKey(route: Pick<Route, "method" | "path">): string {
  return `${route.method} ${route.path}`;
}

function operationalRoutes(serviceName: string, faults: FaultInjector): Route[] {
  return [
    {
      method: "GET",
      path: "/health",
      authenticated: false,
      handle: () => json(200, { status: "ok", service: serviceName }),
    },
    { method: "GET", path: "/__admin/faults", handle: () => json(200, { faults: faults.list() }) },
    {
      method: "PUT",
      path: "/__admin/faults",
      handle: ({ body }) => {
        const parsed = faultSchema.safeParse(body);
        if (!parsed.success) {
          return problem(400, "Invalid fault", {
            errors: fieldErrorsOf(parsed.error),
          });
        }
        faults.set(parsed.data);
        return json(200, { faults: faults.list() });
      },
    },
    {
      method: "DELETE",
      path: "/__admin/faults",
      handle: () => {
        faults.clear();
        return { status: 204 };
      },
    },
  ];
}

async function readBody(req: IncomingMessage): Promise<Buffer | "too-large"> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > maxBodyBytes) return "too-large";
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string | undefined;
  if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers["content-type"] = `${reply.contentType ?? "application/json"}; charset=utf-8`;
    headers["content-length"] = String(Buffer.byteLength(payload));
  }
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function close(server: Server, service: Service): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      service.close?.();
      resolve();
    });
    server.closeIdleConnections();
  });
}
