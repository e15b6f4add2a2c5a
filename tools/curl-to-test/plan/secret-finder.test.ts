import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type {
  CapturedBody,
  CapturedRequest,
  CapturedResponse,
  NameValue,
} from "../model/captured-request.ts";
import { findSecrets, type SecretFinding } from "./secret-finder.ts";

const JWT = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtZW1iZXItNDIifQ.c2lnbmF0dXJl";

function request(parts: {
  url?: string;
  headers?: [string, string][];
  body?: CapturedBody;
  response?: CapturedResponse;
}): CapturedRequest {
  return {
    source: { file: "t.sh", line: 1, column: 1 },
    method: "POST",
    url: parts.url ?? "https://api.example.com/v1/x",
    headers: (parts.headers ?? []).map(([name, value]): NameValue => ({ name, value })),
    body: parts.body ?? { kind: "none" },
    ...(parts.response ? { response: parts.response } : {}),
    warnings: [],
  };
}

function summary(findings: SecretFinding[]): string[] {
  return findings.map(
    (finding) => `${finding.place.kind} ${finding.name} → ${finding.envName} (${finding.reason})`,
  );
}

describe("findSecrets in headers", () => {
  it("finds Authorization credentials, keeping the scheme literal, and names env vars by scheme", () => {
    const findings = findSecrets(
      request({
        headers: [
          ["authorization", "Bearer abc"],
          ["Proxy-Authorization", "Basic dTpw"],
          ["Authorization", "rawtoken"],
        ],
      }),
    );
    assert.deepEqual(
      findings.map((finding) => [finding.place, finding.envName, finding.description]),
      [
        [
          { kind: "credential", headerIndex: 0, header: "authorization", scheme: "Bearer" },
          "AUTHORIZATION_TOKEN",
          "authorization header credential (Bearer)",
        ],
        [
          { kind: "credential", headerIndex: 1, header: "Proxy-Authorization", scheme: "Basic" },
          "PROXY_AUTHORIZATION_BASIC",
          "Proxy-Authorization header credential (Basic)",
        ],
        [
          { kind: "credential", headerIndex: 2, header: "Authorization", scheme: null },
          "AUTHORIZATION",
          "Authorization header credential",
        ],
      ],
    );
  });

  it("finds API-key style headers and JWT values, not look-alikes", () => {
    const findings = findSecrets(
      request({
        headers: [
          ["X-Api-Key", "k3y"],
          ["x-auth-user", "qa"],
          ["X-CSRF-Token", "c5rf"],
          ["Ocp-Apim-Subscription-Key", "sub"],
          ["X-Id", JWT],
          ["Idempotency-Key", "7f3a9b2c1d"],
          ["Keep-Alive", "timeout=5"],
          ["X-Request-Id", "7d1f"],
          ["X-Api-Key", ""],
        ],
      }),
    );
    assert.deepEqual(summary(findings), [
      "header X-Api-Key → X_API_KEY (API key header)",
      "header x-auth-user → X_AUTH_USER (API key header)",
      "header X-CSRF-Token → X_CSRF_TOKEN (API key header)",
      "header Ocp-Apim-Subscription-Key → OCP_APIM_SUBSCRIPTION_KEY (API key header)",
      "header X-Id → X_ID (JWT)",
    ]);
  });

  it("finds session-like cookies by name, JWT or opaque value, and leaves the rest", () => {
    const findings = findSecrets(
      request({
        headers: [
          [
            "Cookie",
            `sessionid=abc; theme=dark; _ga=GA1.2.1234567890.1234567890; id_jwt=${JWT}; __cf=Xk29aB7qLm3Zp8Rt2Yw5Vc1N`,
          ],
        ],
      }),
    );
    assert.deepEqual(summary(findings), [
      "cookie sessionid → COOKIE_SESSIONID (session cookie)",
      "cookie id_jwt → COOKIE_ID_JWT (session cookie)",
      "cookie __cf → COOKIE_CF (session cookie)",
    ]);
    assert.deepEqual(findings[0]?.place, { kind: "cookie", headerIndex: 0, cookie: "sessionid" });
  });
});

describe("findSecrets in the URL", () => {
  it("finds secret-named and JWT query parameters once per name, user info and JWT path segments", () => {
    const findings = findSecrets(
      request({
        url: `https://u:p@api.example.com/v1/verify/${JWT}/x?access_token=a&access_token=b&apiKey=k&page=2&sig=0123456789&key=ab&token_type=Bearer&t=${JWT}`,
      }),
    );
    assert.deepEqual(summary(findings), [
      "url-userinfo userinfo → URL_USERINFO (URL user info)",
      "path-segment path segment 3 → PATH_TOKEN (JWT)",
      "query access_token → QUERY_ACCESS_TOKEN (secret-named query parameter)",
      "query apiKey → QUERY_API_KEY (secret-named query parameter)",
      "query sig → QUERY_SIG (secret-named query parameter)",
      "query t → QUERY_T (JWT)",
    ]);
  });
});

describe("findSecrets in bodies", () => {
  it("finds secret-named JSON fields at any depth with their path, and JWTs in values", () => {
    const findings = findSecrets(
      request({
        headers: [["Content-Type", "application/json"]],
        body: {
          kind: "text",
          text: JSON.stringify({
            user: { email: "a@b.c", password: "hunter2", profile: { newPassword: "x1" } },
            clients: [{ client_secret: "s" }],
            pin: 1234,
            note: JWT,
            token_type: "Bearer",
            sortKey: "name",
          }),
          mimeType: "application/json",
        },
      }),
    );
    assert.deepEqual(
      findings.map((finding) => [finding.jsonPath, finding.envName, finding.reason]),
      [
        [["user", "password"], "BODY_USER_PASSWORD", "secret-named body field"],
        [
          ["user", "profile", "newPassword"],
          "BODY_USER_PROFILE_NEW_PASSWORD",
          "secret-named body field",
        ],
        [["clients", 0, "client_secret"], "BODY_CLIENTS_CLIENT_SECRET", "secret-named body field"],
        [["pin"], "BODY_PIN", "secret-named body field"],
        [["note"], "BODY_NOTE", "JWT"],
      ],
    );
    assert.equal(findings[0]?.description, "body field user.password");
  });

  it("finds secret-named urlencoded form fields and multipart fields", () => {
    assert.deepEqual(
      summary(
        findSecrets(
          request({
            body: {
              kind: "text",
              text: "user=qa&password=p%40ss&grant_type=password",
              mimeType: "application/x-www-form-urlencoded",
            },
          }),
        ),
      ),
      ["form password → FORM_PASSWORD (secret-named body field)"],
    );
    assert.deepEqual(
      summary(
        findSecrets(
          request({
            body: {
              kind: "multipart",
              parts: [
                { name: "api_key", value: "k" },
                { name: "file", filePath: "a.png", filename: "a.png" },
                { name: "memo", value: JWT },
              ],
            },
          }),
        ),
      ),
      [
        "multipart api_key → FORM_API_KEY (secret-named body field)",
        "multipart memo → FORM_MEMO (JWT)",
      ],
    );
  });

  it("finds a JWT in a plain text body", () => {
    assert.deepEqual(
      summary(
        findSecrets(
          request({ body: { kind: "text", text: `token ${JWT} here`, mimeType: "text/plain" } }),
        ),
      ),
      ["text-body body → BODY_JWT (JWT)"],
    );
  });
});

describe("findSecrets in the response", () => {
  it("finds tokens the response hands out, so they are never asserted by value", () => {
    const findings = findSecrets(
      request({
        response: {
          status: 200,
          headers: [
            { name: "Set-Cookie", value: "sessionid=n3w; Path=/; HttpOnly" },
            { name: "X-Auth-Token", value: "t" },
          ],
          bodyText: JSON.stringify({
            access_token: "tok-1",
            token_type: "Bearer",
            expires_in: 3600,
          }),
        },
      }),
    );
    assert.deepEqual(summary(findings), [
      "response-cookie sessionid → RESPONSE_COOKIE_SESSIONID (session cookie)",
      "response-header X-Auth-Token → RESPONSE_X_AUTH_TOKEN (API key header)",
      "response-json access_token → RESPONSE_ACCESS_TOKEN (secret-named body field)",
    ]);
  });

  it("never carries a secret value in a finding", () => {
    const secret = "s3cr3t-VALUE-xyz";
    const findings = findSecrets(
      request({
        url: `https://api.example.com/?token=${secret}`,
        headers: [
          ["Authorization", `Bearer ${secret}`],
          ["Cookie", `session=${secret}`],
        ],
        body: {
          kind: "text",
          text: JSON.stringify({ password: secret }),
          mimeType: "application/json",
        },
      }),
    );
    assert.equal(findings.length, 4);
    assert.ok(!JSON.stringify(findings).includes(secret));
  });
});
