import assert from "node:assert/strict";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, it } from "node:test";
import { Outbox, resolveOutboxDir } from "./outbox.ts";

describe("Outbox", () => {
  it("writes records, lists them oldest first, keeps files beside them and removes both", async () => {
    const dir = await mkdtemp(path.join(tmpdir(), "outbox-"));
    try {
      const outbox = new Outbox(path.join(dir, "box"));
      const trace = path.join(dir, "trace.zip");
      await writeFile(trace, "zip");
      const first = outbox.newId("jira");
      const kept = await outbox.keepFile(first, trace);
      await outbox.write({
        version: 1,
        id: first,
        createdAt: "2026-05-04T10:00:00Z",
        channel: "jira",
        kind: "jira-operations",
        attempts: 1,
        payload: { kept },
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
      const second = outbox.newId("slack");
      await outbox.write({
        version: 1,
        id: second,
        createdAt: "2026-05-04T10:00:01Z",
        channel: "slack",
        kind: "slack-messages",
        attempts: 1,
        payload: {},
      });
      await writeFile(path.join(dir, "box", "zz-broken.json"), "{not json");

      const entries = await outbox.list();
      assert.deepEqual(
        entries.map((entry) => ("record" in entry ? entry.record.id : "problem")),
        [first, second, "problem"],
      );
      assert.equal(await readFile(kept, "utf8"), "zip");

      await outbox.remove(first);
      assert.deepEqual((await readdir(path.join(dir, "box"))).sort(), [
        `${second}.json`,
        "zz-broken.json",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("lists nothing when the folder does not exist yet", async () => {
    assert.deepEqual(await new Outbox(path.join(tmpdir(), "no-such-outbox-here")).list(), []);
  });

  it("resolves the folder from the option, then QAOPS_OUTBOX_DIR, then .qaops/outbox", () => {
    assert.equal(resolveOutboxDir("custom", { QAOPS_OUTBOX_DIR: "env" }), "custom");
    assert.equal(resolveOutboxDir(undefined, { QAOPS_OUTBOX_DIR: "env" }), "env");
    assert.equal(resolveOutboxDir(undefined, {}), ".qaops/outbox");
  });
});
