// What `qaops record` tells the user, and the environment and arguments it hands to the
// command or browser it records: pure values, checked as text.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { browserArguments } from "./browser-launch.ts";
import { convertArguments } from "./convert-recording.ts";
import { proxyEnvironment } from "./proxy-environment.ts";
import { defaultHarName, redactedHarPath, startLines } from "./recording-messages.ts";
import { RecordingTally } from "./recording-tally.ts";

describe("recording messages", () => {
  it("say the HAR is the raw capture, where the CA is, and how to point clients at the proxy", () => {
    const text = startLines({
      proxyUrl: "http://127.0.0.1:8080",
      harPath: "orders.har",
      certPath: "/home/u/.config/qaops/ca/qaops-ca.pem",
      caCreated: true,
      hostPatterns: ["api.example.com"],
      mode: "proxy",
    }).join("\n");
    assert.match(text, /orders\.har is the raw capture/);
    assert.match(text, /mode 0600/);
    assert.match(text, /qaops-ca\.pem \(made just now\)/);
    assert.match(
      text,
      /only hosts matching api\.example\.com; HTTPS to any other host is tunnelled/,
    );
    assert.match(text, /HTTPS_PROXY=http:\/\/127\.0\.0\.1:8080/);
    assert.match(text, /Ctrl-C stops/);
  });

  it("name files that never overwrite a capture by accident", () => {
    assert.equal(defaultHarName(new Date(2026, 0, 2, 3, 4, 5)), "capture-20260102-030405.har");
    assert.equal(redactedHarPath("out/orders.HAR"), "out/orders.redacted.har");
    assert.equal(redactedHarPath("dump"), "dump.redacted.har");
  });

  it("count by host and status, noise and failures apart", () => {
    const tally = new RecordingTally();
    tally.add({ kind: "recorded", host: "api:443", status: 200, noise: undefined });
    tally.add({ kind: "recorded", host: "api:443", status: 404, noise: undefined });
    tally.add({ kind: "recorded", host: "api:443", status: 200, noise: "static asset" });
    tally.add({ kind: "failed", host: "down:80", reason: "ECONNREFUSED" });
    assert.equal(tally.liveLine(), "3 recorded · api:443 3 (200×2 404×1) · down:80 1 (failed×1)");
    assert.equal(
      tally.summary(),
      "recorded 3 exchange(s) from 1 host(s) (1 noise the converter skips), 1 failed or aborted (not recorded)",
    );
    assert.match(new RecordingTally().summary(), /did the client use the proxy\?/);
  });
});

describe("what a recorded command and browser get", () => {
  it("sets both spellings of the proxy variables, the CA bundle, and drops NO_PROXY", () => {
    const env = proxyEnvironment(
      {
        PATH: "/bin",
        NO_PROXY: "localhost",
        no_proxy: "127.0.0.1",
        HTTP_PROXY: "http://corp:3128",
      },
      { proxyUrl: "http://127.0.0.1:9", caBundlePath: "/tmp/ca.pem" },
    );
    for (const name of ["HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"]) {
      assert.equal(env[name], "http://127.0.0.1:9");
    }
    assert.equal(env.NODE_EXTRA_CA_CERTS, "/tmp/ca.pem");
    assert.equal(env.NODE_USE_ENV_PROXY, "1");
    assert.equal(env.NO_PROXY, undefined);
    assert.equal(env.no_proxy, undefined);
    assert.equal(env.PATH, "/bin");
  });

  it("opens Chromium through the proxy, loopback included, trusting the CA by its key", () => {
    assert.deepEqual(
      browserArguments({
        proxyUrl: "http://127.0.0.1:9",
        spkiHash: "abc=",
        profileFolder: "/tmp/p",
        startUrl: "http://127.0.0.1:4310/health",
      }),
      [
        "--proxy-server=http://127.0.0.1:9",
        "--proxy-bypass-list=<-loopback>",
        "--ignore-certificate-errors-spki-list=abc=",
        "--user-data-dir=/tmp/p",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "http://127.0.0.1:4310/health",
      ],
    );
  });

  it("passes --convert's options on to qaops convert under their own names", () => {
    assert.deepEqual(
      convertArguments({
        harPath: "c.har",
        service: "order",
        out: "tests/api/order-flow",
        record: "http://127.0.0.1:4310",
        verify: "http://127.0.0.1:4310",
      }),
      [
        "convert",
        "c.har",
        "--service",
        "order",
        "--out",
        "tests/api/order-flow",
        "--record",
        "http://127.0.0.1:4310",
        "--verify",
        "http://127.0.0.1:4310",
      ],
    );
  });
});
