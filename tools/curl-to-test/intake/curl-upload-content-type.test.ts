import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readFormField } from "./curl-form-field.ts";
import { curlUploadContentType } from "./curl-upload-content-type.ts";

// Expected types as curl 7.88 sent them for `-F f=@<file>` to a recording server.
describe("curlUploadContentType", () => {
  it("knows curl's few extensions, in any case", () => {
    const sent = (name: string) => curlUploadContentType({ filename: name, path: name });
    assert.equal(sent("a.txt"), "text/plain");
    assert.equal(sent("A.TXT"), "text/plain");
    assert.equal(sent("a.htm"), "text/html");
    assert.equal(sent("a.jpeg"), "image/jpeg");
    assert.equal(sent("a.svg"), "image/svg+xml");
    assert.equal(sent("a.xml"), "application/xml");
  });

  it("sends application/octet-stream for every other file, scripts and JSON included", () => {
    for (const name of ["delete.sh", "data.json", "table.csv", "app.js", "noextension"]) {
      assert.equal(
        curlUploadContentType({ filename: name, path: `./dir/${name}` }),
        "application/octet-stream",
      );
    }
  });

  it("tries the filename= name first, then the file's path", () => {
    assert.equal(curlUploadContentType({ filename: "x.png", path: "f.sh" }), "image/png");
    assert.equal(curlUploadContentType({ filename: "x.sh", path: "f.png" }), "image/png");
  });
});

describe("readFormField", () => {
  it("gives an upload curl's type unless type= names one", () => {
    const read = (raw: string) => readFormField(raw, { flag: "-F", literal: false })?.part;
    assert.equal(read("f=@./scripts/delete.sh")?.contentType, "application/octet-stream");
    assert.equal(read("f=@photo.jpg")?.contentType, "image/jpeg");
    assert.equal(read("f=@delete.sh;type=text/x-sh")?.contentType, "text/x-sh");
    assert.equal(read("f=<note.txt")?.contentType, undefined, "a value read from a file");
    assert.equal(read("f=text")?.contentType, undefined);
  });
});
