// Multipart bodies split into parts by bytes, whatever boundary the sender chose.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { boundaryOf, parseMultipartBody, splitMultipart } from "./multipart-body.ts";

describe("boundaryOf", () => {
  it("reads plain and quoted boundaries of multipart types only", () => {
    assert.equal(boundaryOf("multipart/form-data; boundary=abc"), "abc");
    assert.equal(boundaryOf('multipart/mixed; charset=x; boundary="a b"'), "a b");
    assert.equal(boundaryOf("application/json; boundary=abc"), undefined);
  });
});

describe("parseMultipartBody", () => {
  it("returns each part's name, filename, type and bytes, binary included", () => {
    const binary = Buffer.from([0, 255, 13, 10, 45, 45]);
    const body = Buffer.concat([
      Buffer.from('--XyZ\r\nContent-Disposition: form-data; name="label"\r\n\r\nq3\r\n'),
      Buffer.from(
        '--XyZ\r\ncontent-disposition: form-data; name="doc"; filename="a \\"b\\".bin"\r\nContent-Type: application/octet-stream\r\n\r\n',
      ),
      binary,
      Buffer.from("\r\n--XyZ--\r\n"),
    ]);
    const parts = parseMultipartBody(body, "XyZ");
    assert.deepEqual(
      parts?.map((part) => [
        part.name,
        part.filename,
        part.contentType,
        part.bytes.toString("hex"),
      ]),
      [
        ["label", undefined, undefined, Buffer.from("q3").toString("hex")],
        ["doc", 'a \\"b\\".bin', "application/octet-stream", binary.toString("hex")],
      ],
    );
  });

  it("returns undefined for a body cut short or for another boundary", () => {
    const cut = Buffer.from('--b\r\nContent-Disposition: form-data; name="x"\r\n\r\nvalue');
    assert.equal(parseMultipartBody(cut, "b"), undefined);
    assert.equal(parseMultipartBody(Buffer.from("--other--\r\n"), "b"), undefined);
  });
});

describe("splitMultipart", () => {
  const body = Buffer.from(
    '--own\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--own--\r\n',
  );

  it("splits by the boundary the body uses and drops only that parameter", () => {
    // curl appends its own boundary to a Content-Type the capture gave.
    const split = splitMultipart("multipart/related; boundary=captured; boundary=own", body);
    assert.equal(split?.contentType, "multipart/related; boundary=captured");
    assert.deepEqual(
      split?.parts.map((part) => [part.name, part.bytes.toString()]),
      [["a", "1"]],
    );
    assert.equal(
      splitMultipart('multipart/form-data; boundary="own"', body)?.contentType,
      "multipart/form-data",
    );
  });

  it("gives up when no boundary parameter splits the body, or the type is not multipart", () => {
    assert.equal(splitMultipart("multipart/related; boundary=captured", body), undefined);
    assert.equal(splitMultipart("text/plain; boundary=own", body), undefined);
  });
});
