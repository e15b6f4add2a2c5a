import { expect, test } from "../support/api-fixture.ts";
import { problemSchema } from "../support/problem-schema.ts";
import { getSettings } from "./eta-client.ts";

const precise = "/v1/eta/precise?shopId=1&lat=37.5&lng=127.03";

test.describe("ETA authentication", () => {
  test("answers 401 with a challenge when no token is sent", async ({ api }) => {
    const response = await api.get(precise, { token: null });
    expect(response.status()).toBe(401);
    expect(response.headers()["www-authenticate"]).toContain("Bearer");
    expect(problemSchema.parse(await response.json()).detail).toBe("Bearer token required");
  });

  test("answers 401 for a wrong token, also on settings writes", async ({ api }) => {
    const read = await api.get(precise, { token: "not-the-token" });
    expect(read.status()).toBe(401);
    const write = await api.put("/v1/shops/1/eta-settings", {
      token: "not-the-token",
      data: { mode: "manual", manualMinutes: 99 },
    });
    expect(write.status()).toBe(401);
    expect((await getSettings(api, 1)).manualMinutes).not.toBe(99);
  });

  test("keeps /health open without a token", async ({ api }) => {
    const response = await api.get("/health", { token: null });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", service: "eta" });
  });
});
