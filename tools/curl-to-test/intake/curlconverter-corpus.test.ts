import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { curlconverterCorpusDir, hoppscotchCorpusDir } from "../fixtures/curlconverter-corpus.ts";
import { readCaptures } from "./read-captures.ts";

const corpus = curlconverterCorpusDir;

describe("intake over the curlconverter corpus", () => {
  const files = readdirSync(corpus).filter((name) => name.endsWith(".sh"));

  it("finds the corpus commands", () => {
    assert.ok(files.length >= 50, `only ${files.length} corpus files`);
  });

  it("gives every command a request or a located failure, never an exception", () => {
    let requests = 0;
    const hoppscotch = readdirSync(hoppscotchCorpusDir).filter((name) => name.endsWith(".sh"));
    const all = [
      ...files.map((name) => [corpus, name] as const),
      ...hoppscotch.map((name) => [hoppscotchCorpusDir, name] as const),
    ];
    for (const [directory, name] of all) {
      const text = readFileSync(`${directory}${name}`, "utf8");
      const result = readCaptures([{ name, text }], { filesDirectory: directory });
      assert.ok(result.requests.length + result.failures.length > 0, `${name}: nothing came out`);
      for (const request of result.requests) {
        assert.match(request.url, /^https?:\/\/[^/]+\//, `${name}: URL ${request.url}`);
        assert.ok(request.source.line >= 1 && request.source.column >= 1, `${name}: source`);
      }
      for (const failure of result.failures) {
        assert.equal(failure.source.file, name);
        assert.ok(
          failure.source.line >= 1 && failure.source.column >= 1,
          `${name}: failure location`,
        );
        assert.match(failure.excerpt?.caret ?? "", /\^/, `${name}: failure caret`);
      }
      requests += result.requests.length;
    }
    assert.ok(requests >= all.length, `${requests} requests from ${all.length} files`);
  });

  it("keeps what curlconverter's JSON output merges: repeated query keys and form fields", () => {
    const read = (name: string) =>
      readCaptures([{ name, text: readFileSync(`${corpus}${name}`, "utf8") }], {
        filesDirectory: corpus,
      });
    assert.equal(
      read("repeated_query_key.sh").requests[0]?.url,
      "http://localhost:28139/?key=one&key=two",
    );
    const body = read("post_same_field_multiple_times.sh").requests[0]?.body;
    assert.equal(body?.kind, "text");
    assert.equal(body?.kind === "text" ? body.text : "", "foo=bar&foo=&foo=barbar");
  });
});
