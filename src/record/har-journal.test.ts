// The HAR on disk is a complete, valid HAR after every append, owner-only even when it replaces
// a file others could read.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { harEntry } from "./har-entry-builder.ts";
import { HarJournal } from "./har-journal.ts";
import { harSchemaErrors } from "../../test-support/record/har-schema.ts";

const exchange = (path: string) =>
  harEntry({
    startedAt: Date.UTC(2026, 0, 2, 3, 4, 5),
    method: "GET",
    url: `http://127.0.0.1:9/${path}`,
    httpVersion: "1.1",
    requestHeaders: [["Host", "127.0.0.1:9"]],
    requestBody: { raw: Buffer.alloc(0), decoded: Buffer.alloc(0) },
    status: 200,
    statusText: "OK",
    responseHeaders: [["content-type", "application/json"]],
    responseBody: { raw: Buffer.from('{"ok":true}'), decoded: Buffer.from('{"ok":true}') },
    timings: { send: 1, wait: 2, receive: 3 },
  });

describe("HAR journal", () => {
  let folder: string;
  before(async () => {
    folder = await mkdtemp(join(tmpdir(), "qaops-har-journal-"));
  });
  after(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("is a valid HAR 1.2 after creation and after each entry", async () => {
    const path = join(folder, "capture.har");
    const journal = new HarJournal(path, { name: "qaops record", version: "test" });
    const read = async () =>
      JSON.parse(await readFile(path, "utf8")) as {
        log: {
          version: string;
          creator: { name: string };
          entries: { request: { url: string } }[];
        };
      };
    assert.deepEqual((await read()).log.entries, []);
    for (const [index, name] of ["a", "b", "c"].entries()) {
      journal.append(exchange(name));
      const har = await read();
      assert.equal(har.log.version, "1.2");
      assert.deepEqual(await harSchemaErrors(har), []);
      assert.equal(har.log.entries.length, index + 1);
      assert.equal(har.log.entries[index]?.request.url, `http://127.0.0.1:9/${name}`);
    }
    journal.close();
  });

  it("writes the capture owner-only, even over a file others could read", async () => {
    const path = join(folder, "existing.har");
    await writeFile(path, "old capture, much longer than the new one will be at first".repeat(20), {
      mode: 0o644,
    });
    const journal = new HarJournal(path, { name: "qaops record", version: "test" });
    journal.append(exchange("x"));
    journal.close();
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    const har = JSON.parse(await readFile(path, "utf8")) as { log: { entries: unknown[] } };
    assert.equal(har.log.entries.length, 1);
  });

  it("keeps text bodies as text and others as base64, with HAR timings", () => {
    const entry = harEntry({
      startedAt: 0,
      method: "POST",
      url: "https://localhost/upload?kind=png",
      httpVersion: "1.1",
      requestHeaders: [
        ["content-type", "image/png"],
        ["cookie", "a=1; b=2"],
      ],
      requestBody: {
        raw: Buffer.from([0x89, 0x50, 0x00]),
        decoded: Buffer.from([0x89, 0x50, 0x00]),
      },
      status: 201,
      statusText: "Created",
      responseHeaders: [["set-cookie", "sid=xyz; Path=/"]],
      responseBody: { raw: Buffer.from("héllo"), decoded: Buffer.from("héllo") },
      timings: { send: 1.5, wait: 10, receive: 0.25 },
    });
    assert.deepEqual(entry.request.postData, {
      mimeType: "image/png",
      text: Buffer.from([0x89, 0x50, 0x00]).toString("base64"),
      encoding: "base64",
    });
    assert.deepEqual(entry.request.cookies, [
      { name: "a", value: "1" },
      { name: "b", value: "2" },
    ]);
    assert.deepEqual(entry.request.queryString, [{ name: "kind", value: "png" }]);
    assert.deepEqual(entry.response.cookies, [{ name: "sid", value: "xyz" }]);
    assert.deepEqual(entry.response.content, { size: 6, mimeType: "", text: "héllo" });
    assert.equal(entry.time, 11.75);
    assert.equal(entry.startedDateTime, "1970-01-01T00:00:00.000Z");
  });
});
