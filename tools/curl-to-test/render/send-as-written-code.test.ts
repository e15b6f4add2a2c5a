// The undici fallback a spec declares: sent to a server that records the raw request, it sends
// the method and the body exactly as written, and answers the way the spec's checks read.
import assert from "node:assert/strict";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { startRecordingServer } from "../fidelity/recording-server.ts";
import type { RecordingServer } from "../fidelity/recording-server.ts";
import { sendAsWrittenCall, sendAsWrittenHelperLines } from "./send-as-written-code.ts";

interface AsWrittenResponse {
  ok(): boolean;
  status(): number;
  json(): Promise<unknown>;
}
type SendAsWritten = (
  url: URL,
  options: {
    method: string;
    headers?: Record<string, string>;
    data?: string | Buffer;
    maxRedirects?: number;
  },
) => Promise<AsWrittenResponse>;

// Inside the repository, so the helper's `import * as undici` resolves as a spec's would.
const folder = join(import.meta.dirname, "../../../.qaops/tmp", `send-as-written-${process.pid}`);
let server: RecordingServer;
let sendAsWritten: SendAsWritten;

before(async () => {
  await mkdir(folder, { recursive: true });
  const helper = join(folder, "helper.ts");
  const source = [
    'import * as undici from "undici";',
    ...sendAsWrittenHelperLines,
    "export { sendAsWritten };",
  ];
  await writeFile(helper, source.join("\n"));
  ({ sendAsWritten } = (await import(pathToFileURL(helper).href)) as {
    sendAsWritten: SendAsWritten;
  });
  server = await startRecordingServer({
    respond: (request) =>
      request.target === "/old"
        ? { status: 302, headers: [{ name: "location", value: "/new" }], body: "" }
        : {
            status: 201,
            headers: [{ name: "content-type", value: "application/json" }],
            body: '{"id":"ord-1"}',
          },
  });
});

after(async () => {
  await server.close();
  await rm(folder, { recursive: true, force: true });
});

describe("sendAsWritten", () => {
  it("sends the method's case and a body without a Content-Type, as written", async () => {
    const response = await sendAsWritten(new URL("/v1/x?a=%c3", server.url), {
      method: "wHat",
      headers: { "X-Tag": "a" },
      data: Buffer.from("raw\r\nbytes"),
    });
    const sent = server.requests.at(-1)!;
    assert.equal(sent.method, "wHat");
    assert.equal(sent.target, "/v1/x?a=%c3");
    assert.equal(sent.body.toString(), "raw\r\nbytes");
    const names = sent.headers.map((header) => header.name.toLowerCase());
    assert.ok(!names.includes("content-type"), names.join(", "));
    assert.ok(sent.headers.some((h) => h.name === "X-Tag" && h.value === "a"));
    assert.ok(!names.includes("accept"), "only what it is given: the plan writes curl's Accept");
    assert.equal(response.status(), 201);
    assert.equal(response.ok(), true);
    assert.deepEqual(await response.json(), { id: "ord-1" });
  });

  it("keeps an Accept the request names, and a header named __proto__", async () => {
    const headers = JSON.parse('{"Accept":"text/plain","__proto__":"b"}') as Record<string, string>;
    await sendAsWritten(new URL("/", server.url), { method: "GET", headers });
    const sent = server.requests.at(-1)!;
    assert.deepEqual(
      sent.headers.filter((h) => /^(accept|__proto__)$/i.test(h.name)),
      [
        { name: "Accept", value: "text/plain" },
        { name: "__proto__", value: "b" },
      ],
    );
  });

  it("follows redirects as the fixture does, unless told maxRedirects: 0", async () => {
    const followed = await sendAsWritten(new URL("/old", server.url), { method: "GET" });
    assert.equal(followed.status(), 201);
    assert.equal(server.requests.at(-1)!.target, "/new");
    const stopped = await sendAsWritten(new URL("/old", server.url), {
      method: "GET",
      maxRedirects: 0,
    });
    assert.equal(stopped.status(), 302);
    assert.equal(stopped.ok(), false);
  });
});

describe("sendAsWrittenCall", () => {
  it("passes the fixture's options on after the method, the URL resolved on baseURL", () => {
    assert.equal(
      sendAsWrittenCall('"/file.txt"', "PUT", ['data: await readFile("file.txt")']),
      'sendAsWritten(new URL("/file.txt", baseURL), { method: "PUT", data: await readFile("file.txt") })',
    );
  });
});
