/**
 * `--host` patterns: which hosts are recorded (and, for HTTPS, decrypted). `*` stands for any
 * run of characters, as in `*.example.com` (any subdomain, however deep) or `api-*.internal`;
 * matching ignores case and any port. The same patterns go to the proxy's TLS layer, whose
 * URL-pattern wildcards mean the same. No pattern records every host.
 */
export class HostPatterns {
  readonly patterns: readonly string[];
  readonly #matchers: RegExp[];

  constructor(patterns: readonly string[]) {
    this.patterns = patterns;
    this.#matchers = patterns.map(patternRegExp);
  }

  get recordsEveryHost(): boolean {
    return this.#matchers.length === 0;
  }

  matches(host: string): boolean {
    if (this.recordsEveryHost) return true;
    const name = hostName(host).toLowerCase();
    return this.#matchers.some((matcher) => matcher.test(name));
  }
}

/** A pattern that names no host, or holds characters no host name has; null when it is fine. */
export function invalidHostPattern(pattern: string): string | null {
  if (pattern.trim() === "") return "is empty";
  if (!/^[A-Za-z0-9.*-]+$/.test(pattern)) {
    return "may hold only letters, digits, '.', '-' and '*' (a host name, not a URL or a port)";
  }
  return null;
}

function patternRegExp(pattern: string): RegExp {
  const body = pattern
    .toLowerCase()
    .split("*")
    .map((part) => part.replace(/[.[\]\\^$+?()|{}]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${body}$`);
}

/** `example.com:8443` → `example.com`; `[::1]:8080` → `::1`. */
function hostName(host: string): string {
  if (host.startsWith("[")) return host.slice(1, host.indexOf("]"));
  const colon = host.lastIndexOf(":");
  return colon !== -1 && host.indexOf(":") === colon ? host.slice(0, colon) : host;
}
