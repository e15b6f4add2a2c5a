import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { createResultsFolder, latestResultsFolder, timestampFolderName } from "./results-folder.ts";

const root = mkdtempSync(join(tmpdir(), "qaops-results-"));
after(() => rmSync(root, { recursive: true, force: true }));

describe("results folders", () => {
  it("names a run by its UTC start, without characters some filesystems refuse", () => {
    assert.equal(timestampFolderName(new Date("2026-11-22T18:05:09.123Z")), "2026-11-22T18-05-09Z");
  });

  it("creates <root>/<scenario>/<timestamp>/ and a distinct folder for a run in the same second", () => {
    const now = new Date("2026-11-22T18:05:09Z");
    const first = createResultsFolder({ root, scenario: "smoke", now });
    const second = createResultsFolder({ root, scenario: "smoke", now });
    assert.equal(first, join(root, "smoke", "2026-11-22T18-05-09Z"));
    assert.equal(second, `${first}-2`);
  });

  it("finds the newest run of a scenario", () => {
    for (const name of [
      "2026-11-20T18-00-00Z",
      "2026-11-21T18-00-00Z",
      "2026-11-21T18-00-00Z-2",
      "notes",
    ]) {
      mkdirSync(join(root, "daily-peak", name), { recursive: true });
    }
    assert.equal(
      latestResultsFolder(root, "daily-peak"),
      join(root, "daily-peak", "2026-11-21T18-00-00Z-2"),
    );
    assert.equal(latestResultsFolder(root, "never-ran"), undefined);
  });
});
