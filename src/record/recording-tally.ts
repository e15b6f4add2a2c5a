/**
 * What a recording has seen so far, by host and status: the live line on a terminal and the
 * one-line summary at the end. Pure: the proxy's events go in, text comes out.
 */
import type { ProxyEvent } from "./recording-proxy.ts";

interface HostCounts {
  byStatus: Map<number, number>;
  failed: number;
}

export class RecordingTally {
  readonly #hosts = new Map<string, HostCounts>();
  #recorded = 0;
  #noise = 0;
  #failed = 0;

  add(event: ProxyEvent): void {
    const counts = this.#hostCounts(event.host);
    if (event.kind === "failed") {
      counts.failed += 1;
      this.#failed += 1;
      return;
    }
    counts.byStatus.set(event.status, (counts.byStatus.get(event.status) ?? 0) + 1);
    this.#recorded += 1;
    if (event.noise) this.#noise += 1;
  }

  /** `12 recorded · api.example.com 10 (200×9 404×1) · cdn.example.com 2 (200×2)`. */
  liveLine(): string {
    const hosts = [...this.#hosts].map(([host, counts]) => `${host} ${hostText(counts)}`);
    return [`${this.#recorded} recorded`, ...hosts].join(" · ");
  }

  /** `recorded 12 exchanges from 2 hosts (3 noise the converter skips), 1 failed`. */
  summary(): string {
    const hosts = [...this.#hosts.values()].filter((counts) => counts.byStatus.size > 0).length;
    const noise = this.#noise > 0 ? ` (${this.#noise} noise the converter skips)` : "";
    const failed = this.#failed > 0 ? `, ${this.#failed} failed or aborted (not recorded)` : "";
    return (
      `recorded ${this.#recorded} exchange(s) from ${hosts} host(s)${noise}${failed}` +
      (this.#recorded === 0 ? "; did the client use the proxy?" : "")
    );
  }

  #hostCounts(host: string): HostCounts {
    let counts = this.#hosts.get(host);
    if (!counts) {
      counts = { byStatus: new Map(), failed: 0 };
      this.#hosts.set(host, counts);
    }
    return counts;
  }
}

function hostText(counts: HostCounts): string {
  const statuses = [...counts.byStatus]
    .sort(([a], [b]) => a - b)
    .map(([status, count]) => `${status}×${count}`);
  if (counts.failed > 0) statuses.push(`failed×${counts.failed}`);
  const total = [...counts.byStatus.values()].reduce((sum, n) => sum + n, 0) + counts.failed;
  return `${total} (${statuses.join(" ")})`;
}
