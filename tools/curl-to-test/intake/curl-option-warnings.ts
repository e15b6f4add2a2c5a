/**
 * Which curl options a generated test reproduces, which change nothing about the request
 * sent, and, for every other one, the `warning:` text a QA engineer reads. A warning names
 * the option as written; it quotes a value only where the value cannot be a secret.
 */
import type { CurlOption } from "./curl-options.ts";
import type { WarningNote } from "../model/conversion-warning.ts";

/** Options the intake turns into the request model (method, URL, headers, body). */
const REPRODUCED = new Set([
  "url",
  "request",
  "get",
  "head",
  "header",
  "user-agent",
  "referer",
  "cookie",
  "user",
  "basic",
  "oauth2-bearer",
  "data",
  "data-raw",
  "data-ascii",
  "data-binary",
  "data-urlencode",
  "json",
  "url-query",
  "form",
  "form-string",
  "range",
  "globoff",
  "proto-default",
  "disallow-username-in-url",
  "next",
]);

/** Options about curl's own output, transport details or logging: the request is the same. */
const NO_EFFECT_ON_REQUEST = new Set([
  "compressed",
  "silent",
  "show-error",
  "verbose",
  "include",
  "output",
  "output-dir",
  "remote-name",
  "remote-name-all",
  "remote-header-name",
  "write-out",
  "fail",
  "fail-with-body",
  "fail-early",
  "progress-bar",
  "progress-meter",
  "stderr",
  "trace",
  "trace-ascii",
  "trace-time",
  "create-dirs",
  "dump-header",
  "styled-output",
  "http1.1",
  "http2",
  "http2-prior-knowledge",
  "raw",
  "tcp-nodelay",
  "buffer",
  "keepalive",
  "ipv4",
  "ipv6",
  "help",
  "version",
  "manual",
  "no-progress-meter",
  "sessionid",
  "alpn",
  "npn",
  "clobber",
]);

const PROXY_TEXT = "the request went through a proxy; the test connects to baseURL directly";
const TLS_CLIENT_TEXT =
  "client certificates and custom certificate authorities are not configured in the generated test";
const CHALLENGE_AUTH_TEXT =
  "this authentication needs a challenge-response exchange; the test sends no credentials for it";

const EXPLANATIONS: Record<string, string> = {
  proxy: PROXY_TEXT,
  "proxy-user": PROXY_TEXT,
  "proxy-header": PROXY_TEXT,
  preproxy: PROXY_TEXT,
  socks4: PROXY_TEXT,
  socks4a: PROXY_TEXT,
  socks5: PROXY_TEXT,
  "socks5-hostname": PROXY_TEXT,
  proxytunnel: PROXY_TEXT,
  insecure:
    "curl skipped TLS certificate checks; the test checks certificates unless the Playwright config sets ignoreHTTPSErrors",
  cert: TLS_CLIENT_TEXT,
  key: TLS_CLIENT_TEXT,
  pass: TLS_CLIENT_TEXT,
  "cert-type": TLS_CLIENT_TEXT,
  "key-type": TLS_CLIENT_TEXT,
  cacert: TLS_CLIENT_TEXT,
  capath: TLS_CLIENT_TEXT,
  digest: CHALLENGE_AUTH_TEXT,
  ntlm: CHALLENGE_AUTH_TEXT,
  "ntlm-wb": CHALLENGE_AUTH_TEXT,
  negotiate: CHALLENGE_AUTH_TEXT,
  anyauth: CHALLENGE_AUTH_TEXT,
  "aws-sigv4": "AWS SigV4 signing is not performed by the test; the request is sent unsigned",
  "max-time": "curl's time limit is not applied; Playwright's own test timeout is",
  "connect-timeout": "curl's connect time limit is not applied; Playwright's own test timeout is",
  location:
    "curl followed redirects; the test follows them too (Playwright's default), so the asserted status is the final one",
  "location-trusted":
    "curl followed redirects and re-sent credentials to other hosts; the test does not re-send credentials",
  "max-redirs": "curl's redirect limit is not applied; Playwright follows up to 20 redirects",
  "upload-file":
    "the body is uploaded from a file with PUT; the file must exist when the test runs",
  "cookie-jar": "curl saved the cookies the server set to a file; the test does not",
  "junk-session-cookies":
    "curl dropped session cookies read from a file; the test sends none from files",
  resolve: "curl pinned the host to another address; the test sends to baseURL",
  "connect-to": "curl connected to another host or port; the test sends to baseURL",
  "unix-socket": "curl connected through a Unix socket; the test sends to baseURL over TCP",
  "abstract-unix-socket":
    "curl connected through a Unix socket; the test sends to baseURL over TCP",
  retry: "curl retried failed requests; the test sends each request once",
  "retry-all-errors": "curl retried failed requests; the test sends each request once",
  "limit-rate": "curl limited the transfer rate; the test does not",
  "time-cond": "the If-Modified-Since condition from a date or file is not reproduced",
  "continue-at": "curl resumed a transfer at an offset; the test sends the whole request",
  config: "options read from a curl config file are not reproduced",
  netrc: "credentials read from .netrc are not sent by the test",
  "netrc-file": "credentials read from a netrc file are not sent by the test",
  "netrc-optional": "credentials read from .netrc are not sent by the test",
  "http1.0": "curl spoke HTTP/1.0; the test uses Playwright's HTTP version",
  http3: "curl spoke HTTP/3; the test uses Playwright's HTTP version",
  "http3-only": "curl spoke HTTP/3; the test uses Playwright's HTTP version",
  "path-as-is":
    "curl sent the path without resolving /../ and /./; the test's client resolves them",
};

/** Options whose value is a plain number, safe to quote in a warning. */
const QUOTABLE_VALUES = new Set([
  "max-time",
  "connect-timeout",
  "max-redirs",
  "retry",
  "limit-rate",
]);

export function isReproducedOption(name: string): boolean {
  return REPRODUCED.has(name) || NO_EFFECT_ON_REQUEST.has(name);
}

/** The warning for an option the test cannot reproduce, naming it as written. */
export function describeUnreproducedOption(option: CurlOption): WarningNote {
  const written =
    option.value !== undefined && QUOTABLE_VALUES.has(option.name)
      ? `${option.flag} ${option.value}`
      : option.flag;
  const explanation =
    EXPLANATIONS[option.name] ?? "this curl option is not reproduced by the generated test";
  return { code: "option-not-reproduced", message: `${written}: ${explanation}` };
}
