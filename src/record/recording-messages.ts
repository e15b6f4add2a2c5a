/** What `qaops record` says when it starts and ends, as pure functions of the recording. */

export interface StartMessageInput {
  proxyUrl: string;
  harPath: string;
  certPath: string;
  caCreated: boolean;
  hostPatterns: readonly string[];
  mode: "proxy" | "command" | "browser";
}

export function startLines(input: StartMessageInput): string[] {
  const lines = [
    `recording through ${input.proxyUrl} into ${input.harPath}`,
    `${input.harPath} is the raw capture: headers, cookies, tokens and bodies exactly as sent,`,
    "  readable by you only (mode 0600); share it only as a --redact copy.",
    `HTTPS is decrypted with the local CA ${input.certPath}` +
      (input.caCreated ? " (made just now)" : "") +
      "; `qaops record ca` says how to trust it.",
  ];
  if (input.hostPatterns.length > 0) {
    lines.push(
      `recording only hosts matching ${input.hostPatterns.join(", ")}; HTTPS to any other host is tunnelled, not decrypted.`,
    );
  }
  if (input.mode === "proxy") {
    lines.push(
      `point clients at it: HTTP_PROXY=${input.proxyUrl} HTTPS_PROXY=${input.proxyUrl} (curl: -x ${input.proxyUrl} --cacert ${input.certPath})`,
      "Ctrl-C stops; every exchange completed by then is in the file.",
    );
  }
  return lines;
}

export function endLine(summary: string, harPath: string): string {
  return `${summary} → ${harPath}`;
}

/** `capture-20260102-150405.har`: a default name that never overwrites an earlier capture. */
export function defaultHarName(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}`;
  const time = `${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`;
  return `capture-${date}-${time}.har`;
}

/** `capture.har` → `capture.redacted.har`. */
export function redactedHarPath(harPath: string): string {
  return harPath.toLowerCase().endsWith(".har")
    ? `${harPath.slice(0, -4)}.redacted.har`
    : `${harPath}.redacted.har`;
}
