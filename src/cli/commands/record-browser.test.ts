// `qaops record --browser` opens a real Chromium through the proxy that trusts the recording CA
// by its key hash alone: an intercepted HTTPS page loads (no certificate error page) and lands
// in the HAR, and recording stops when the browser exits. Chromium runs headless through a
// wrapper passed as `--browser PATH`, which is how a user names their own browser too.
// `qaops record -- playwright test` records a UI suite's page and request traffic, with the
// proxy settings docs/record.md gives for playwright.config.ts.
import assert from "node:assert/strict";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, it } from "node:test";
import type { TestContext } from "node:test";
import { repositoryWorkDir } from "../../../tools/curl-to-test/testing/repository-tools.ts";
import { findBrowser } from "../../record/browser-launch.ts";
import { startEchoServers } from "../../../test-support/record/echo-servers.ts";
import type { EchoServers } from "../../../test-support/record/echo-servers.ts";
import { runQaops } from "../../../test-support/run-qaops.ts";

const playwrightCli = fileURLToPath(
  new URL("../../../node_modules/@playwright/test/cli.js", import.meta.url),
);

const workDir = repositoryWorkDir("record-browser");

describe("qaops record with a browser", () => {
  let servers: EchoServers;

  before(async () => {
    servers = await startEchoServers();
    await rm(workDir, { recursive: true, force: true });
    await mkdir(workDir, { recursive: true });
    await writeFile(join(workDir, "upstream.pem"), servers.cert);
  });

  after(async () => {
    await servers.close();
    await rm(workDir, { recursive: true, force: true });
  });

  it("records an HTTPS page Chromium loads through the proxy", async (context) => {
    const chromium = await chromiumOrSkip(context);
    if (!chromium) return;
    const wrapper = join(workDir, "headless-chromium.sh");
    const dom = join(workDir, "dom.html");
    await writeFile(
      wrapper,
      `#!/bin/sh\nexec "${chromium}" --headless --disable-gpu --dump-dom "$@" > "${dom}" 2>/dev/null\n`,
    );
    await chmod(wrapper, 0o755);
    const page = `${servers.httpsUrl}/echo?via=browser`;
    const result = await runQaops(
      ["record", "--port", "0", "--out", "browser.har", "--browser", wrapper, "--url", page],
      recordingOptions(workDir),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(await readFile(dom, "utf8"), /"path":"\/echo\?via=browser"/);
    const har = JSON.parse(await readFile(join(workDir, "browser.har"), "utf8")) as {
      log: { entries: { request: { url: string }; response: { status: number } }[] };
    };
    assert.ok(
      har.log.entries.some((entry) => entry.request.url === page && entry.response.status === 200),
      JSON.stringify(har.log.entries.map((entry) => entry.request.url)),
    );
  });

  it("records what a Playwright suite's page and request fixture send", async (context) => {
    const chromium = await chromiumOrSkip(context);
    if (!chromium) return;
    const suite = join(workDir, "ui-suite");
    await mkdir(suite, { recursive: true });
    await writeFile(
      join(suite, "playwright.config.ts"),
      [
        'import { defineConfig } from "@playwright/test";',
        "export default defineConfig({",
        '  reporter: "line",',
        "  use: {",
        `    launchOptions: { executablePath: ${JSON.stringify(chromium)} },`,
        "    ...(process.env.HTTPS_PROXY",
        "      ? { proxy: { server: process.env.HTTPS_PROXY }, ignoreHTTPSErrors: true }",
        "      : {}),",
        "  },",
        "});",
        "",
      ].join("\n"),
    );
    await writeFile(
      join(suite, "ui.spec.ts"),
      [
        'import { expect, test } from "@playwright/test";',
        'test("page and api", async ({ page, request }) => {',
        `  await page.goto("${servers.httpsUrl}/echo?via=page");`,
        '  await expect(page.locator("body")).toContainText("via=page");',
        `  expect((await request.get("${servers.httpUrl}/echo?via=request")).status()).toBe(200);`,
        "});",
        "",
      ].join("\n"),
    );
    const result = await runQaops(
      [
        "record",
        "--port",
        "0",
        "--out",
        "suite.har",
        "--",
        process.execPath,
        playwrightCli,
        "test",
      ],
      recordingOptions(suite),
    );
    assert.equal(result.code, 0, result.stdout + result.stderr);
    const har = JSON.parse(await readFile(join(suite, "suite.har"), "utf8")) as {
      log: { entries: { request: { url: string }; response: { status: number } }[] };
    };
    const urls = har.log.entries.map((entry) => entry.request.url);
    assert.ok(urls.includes(`${servers.httpsUrl}/echo?via=page`), urls.join(", "));
    assert.ok(urls.includes(`${servers.httpUrl}/echo?via=request`), urls.join(", "));
  });
});

/** The path of Chromium; undefined (and the test marked skipped, saying why) where none is. */
async function chromiumOrSkip(context: TestContext): Promise<string | undefined> {
  const chromium = await findBrowser("", process.env).catch(() => undefined);
  if (!chromium) context.skip("no Chromium on PATH (Debian: apt install chromium)");
  return chromium;
}

/** qaops run in `cwd`, its CA in the work folder, trusting the loopback servers upstream. */
function recordingOptions(cwd: string) {
  return {
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: workDir,
      XDG_CONFIG_HOME: join(workDir, "config"),
      NODE_EXTRA_CA_CERTS: join(workDir, "upstream.pem"),
    },
    timeoutMs: 120_000,
  };
}
