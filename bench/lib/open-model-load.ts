import { Agent, request } from "node:http";

export interface OpenModelLoadOptions {
  /** Requests started per second, whatever the responses' pace (an open model, like Artillery's arrival phases). */
  rate: number;
  durationSeconds: number;
  /** Picks the URL for the n-th request, so a run can spread over shops, members and features. */
  url: (n: number) => string;
  headers?: Record<string, string>;
}

export interface LatencyFigures {
  requests: number;
  /** Responses with a 4xx or 5xx status, and requests that got no response. */
  errors: number;
  achievedRate: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/**
 * Sends requests at a fixed arrival rate over keep-alive connections and measures each one's
 * latency. Unlike a closed loop of N clients, a slow server cannot slow the arrivals down, so
 * queueing shows up in the percentiles instead of hiding in a lower rate.
 */
export async function runOpenModelLoad(options: OpenModelLoadOptions): Promise<LatencyFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(options.rate * options.durationSeconds);
  const started = performance.now();
  const inFlight: Promise<void>[] = [];

  for (let n = 0; n < total; n++) {
    const due = started + (n * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      send(agent, options.url(n), options.headers ?? {}).then(
        ({ status, ms }) => {
          latencies.push(ms);
          if (status >= 400) errors++;
        },
        () => {
          errors++;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();

  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN);
  return {
    requests: total,
    errors,
    achievedRate: round(total / elapsed),
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    max: round(latencies.at(-1) ?? NaN),
  };
}

function send(
  agent: Agent,
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { agent, headers }, (res) => {
      res.resume();
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }),
      );
    });
    req.setTimeout(5_000, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end();
  });
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
