// A case's verdict, and when a warning counts as having said what differs.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyCase, describe as describeDifference, explains } from "./classify-case.ts";
import type { CaseEvidence, JudgedPair } from "./classify-case.ts";
import type { WireDifference } from "./wire-differences.ts";
import type { WarningCode } from "../model/conversion-warning.ts";

const header = (subject: string, curl = "a", test = "b"): WireDifference => ({
  aspect: "header",
  subject,
  curl,
  test,
});
const part = (name: string, property: string): WireDifference => ({
  aspect: "part",
  subject: `${name}\u0000${property}`,
  curl: "application/octet-stream",
  test: "application/x-sh",
});

function pair(overrides: Partial<JudgedPair> = {}): JudgedPair {
  return {
    curlSent: true,
    testSent: true,
    differences: [],
    warnings: [],
    failures: [],
    ...overrides,
  };
}

function evidence(overrides: Partial<CaseEvidence> = {}): CaseEvidence {
  return {
    curlSent: true,
    curlProblems: [],
    specCount: 1,
    failures: [],
    redactions: [],
    pairs: [pair()],
    ...overrides,
  };
}

describe("classifyCase", () => {
  it("is equal, or equal-but-redacted when secrets were replaced, when nothing differs", () => {
    assert.equal(classifyCase(evidence()).verdict, "equal");
    assert.equal(
      classifyCase(evidence({ redactions: ["ORDER_TOKEN"] })).verdict,
      "equal-but-redacted",
    );
  });

  it("is refused when curl sends nothing, or when the converter refused and said so", () => {
    const noCurl = classifyCase(evidence({ curlSent: false, curlProblems: ["curl exit 26"] }));
    assert.deepEqual(
      [noCurl.verdict, noCurl.reason],
      ["refused", "curl cannot run it here: curl exit 26"],
    );
    const refused = classifyCase(
      evidence({ specCount: 0, failures: ["unterminated quote"], pairs: [] }),
    );
    assert.equal(refused.verdict, "refused");
  });

  it("is warned when a warning of the same command names each difference", () => {
    const verdict = classifyCase(
      evidence({
        pairs: [
          pair({
            differences: [header("cookie")],
            warnings: [
              {
                code: "cookie-file-not-sent",
                message: "-b jar.txt: cookies read from a file are not sent",
              },
            ],
          }),
        ],
      }),
    );
    assert.equal(verdict.verdict, "warned");
  });

  it("is equal-but-redacted when only a value made up per run differs, and said so", () => {
    const said =
      "header X-Request-Id is made up afresh on each run (a new UUID): the server must not see the captured one twice";
    const verdict = classifyCase(
      evidence({
        pairs: [
          pair({
            differences: [header("x-request-id")],
            warnings: [{ code: "fresh-per-run", message: said }],
          }),
        ],
      }),
    );
    assert.equal(verdict.verdict, "equal-but-redacted");
    assert.equal(verdict.reason, `equal but for values made up per run: ${said}`);
  });

  it("tells a value made up per run by its code, whatever its words", () => {
    const judged = (code: WarningCode, message: string) =>
      classifyCase(
        evidence({
          pairs: [pair({ differences: [header("x-request-id")], warnings: [{ code, message }] })],
        }),
      ).verdict;
    assert.equal(
      judged("fresh-per-run", "header X-Request-Id is new every time"),
      "equal-but-redacted",
    );
    assert.equal(
      judged("header-joined", "header X-Request-Id is made up afresh on each run"),
      "warned",
    );
  });

  it("is silently-different when no warning names a difference", () => {
    const verdict = classifyCase(
      evidence({
        pairs: [
          pair({
            differences: [part("file1", "content-type")],
            warnings: [
              {
                code: "file-read-at-run",
                message: "part file1 uploads a.sh; keep that file there",
              },
            ],
          }),
        ],
      }),
    );
    assert.equal(verdict.verdict, "silently-different");
    assert.equal(verdict.unexplained.length, 1);
  });

  it("counts a request only curl sent as refused when the converter reported a failure for it", () => {
    const verdict = classifyCase(
      evidence({
        pairs: [
          pair(),
          pair({
            testSent: false,
            differences: [{ aspect: "request", subject: "GET /x", curl: "sent", test: "not sent" }],
            failures: ["cannot replace the secret"],
          }),
        ],
      }),
    );
    assert.deepEqual(
      [verdict.verdict, verdict.reason],
      ["equal", "equal; part refused: cannot replace the secret"],
    );
  });

  it("counts a request only the test sent as refused when curl failed, whatever a warning says", () => {
    const verdict = classifyCase(
      evidence({
        curlProblems: ["curl exit 58: could not load PEM client certificate"],
        pairs: [
          pair(),
          pair({
            curlSent: false,
            differences: [
              { aspect: "request", subject: "GET /me", curl: "not sent", test: "sent" },
            ],
            warnings: [
              { code: "option-not-reproduced", message: "-k: curl skipped TLS certificate checks" },
            ],
          }),
        ],
      }),
    );
    assert.deepEqual(
      [verdict.verdict, verdict.reason],
      [
        "equal",
        "equal; part refused: curl could not send it: curl exit 58: could not load PEM client certificate",
      ],
    );
  });

  it("is silently-different when the converter produced nothing and said nothing", () => {
    const lone = pair({
      testSent: false,
      differences: [{ aspect: "request", subject: "GET /x", curl: "sent", test: "not sent" }],
    });
    assert.equal(
      classifyCase(evidence({ specCount: 0, pairs: [lone] })).verdict,
      "silently-different",
    );
  });
});

describe("explains", () => {
  it("takes a header by its name or by what it carries, never from a warning about a part", () => {
    assert.ok(explains("header X-Tag was captured 2 times", header("x-tag")));
    assert.ok(explains("--digest: the test sends no credentials for it", header("authorization")));
    assert.ok(!explains("part meta had content type application/json", header("content-type")));
    assert.ok(!explains("x-tagged values are joined", header("x-tag")));
  });

  it("takes a part difference only from a warning naming the part and the property", () => {
    assert.ok(
      explains(
        "part meta had content type application/json; sent as a plain field",
        part("meta", "content-type"),
      ),
    );
    assert.ok(
      !explains("part file1 uploads a.sh; keep that file there", part("file1", "content-type")),
    );
    assert.ok(!explains("part other had content type text/plain", part("meta", "content-type")));
  });

  it("takes any difference from a warning quoting the text the test sends", () => {
    const body: WireDifference = {
      aspect: "body",
      subject: "body",
      curl: "1 bytes",
      test: '15 bytes "$MYVARIABLE"',
    };
    assert.ok(
      explains(
        'shell variable $MYVARIABLE is not expanded; the text "$MYVARIABLE" is sent as written',
        body,
      ),
    );
  });
});

describe("describe", () => {
  it("shows credential-like header values as lengths only", () => {
    assert.equal(
      describeDifference(header("authorization", "Bearer abc", "(absent)")),
      "header authorization: curl (10 chars) / test (absent)",
    );
  });
});
