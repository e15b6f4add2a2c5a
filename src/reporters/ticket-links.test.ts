import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { TicketLinkHandoff, ticketLookup } from "./ticket-links.ts";

const link = { fingerprint: "f1", key: "QA-1", url: "https://acme.test/browse/QA-1" };
const run = { startedAt: "2026-05-04T10:00:00.000Z" };

describe("TicketLinkHandoff", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "ticket-links-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("hands one run's links to whoever reads them, in any order of the two", async () => {
    const reader = TicketLinkHandoff.forRun(run, dir);
    assert.deepEqual(await reader.read(), [], "nothing published yet");
    await TicketLinkHandoff.forRun(run, dir).publish([link]);
    assert.deepEqual(await reader.read(), [link]);
  });

  it("keeps runs apart", async () => {
    await TicketLinkHandoff.forRun(run, dir).publish([link]);
    const later = TicketLinkHandoff.forRun({ startedAt: "2026-05-04T11:00:00.000Z" }, dir);
    assert.deepEqual(await later.read(), []);
  });

  it("removes its file when the process exits", () => {
    const module = fileURLToPath(new URL("./ticket-links.ts", import.meta.url));
    const script = `const { existsSync } = await import("node:fs");
const { TicketLinkHandoff } = await import(${JSON.stringify(module)});
const handoff = TicketLinkHandoff.forRun({ startedAt: "2026-05-04T12:00:00.000Z" }, ${JSON.stringify(dir)});
await handoff.publish([]);
console.log(JSON.stringify({ file: handoff.file, written: existsSync(handoff.file) }));`;
    const output = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      encoding: "utf8",
    });
    const { file, written } = JSON.parse(output) as { file: string; written: boolean };
    assert.ok(written && file.startsWith(dir), output);
    assert.equal(existsSync(file), false);
  });
});

describe("ticketLookup", () => {
  it("finds a ticket by fingerprint", () => {
    const lookup = ticketLookup([link]);
    assert.equal(lookup("f1")?.key, "QA-1");
    assert.equal(lookup("f2"), undefined);
  });
});
