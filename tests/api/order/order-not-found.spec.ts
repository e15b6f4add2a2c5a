import { expect, test } from "../support/api-fixture.ts";
import { expectProblem, fieldsOf, seededCatalog } from "./order-api.ts";

test.describe("orders that do not exist", () => {
  test("404 for an unknown order id on every order route", async ({ api }) => {
    const id = 9_007_199_254_740; // valid, far beyond any order the demo will place
    for (const response of [
      await api.get(`/v1/orders/${id}`),
      await api.get(`/v1/orders/${id}/events`),
      await api.post(`/v1/orders/${id}/cancel`, { data: { reason: "x" } }),
    ]) {
      const problem = await expectProblem(response, 404);
      expect(problem.detail).toBe(`No order ${id}`);
    }
  });

  test("400 for an order id that is not a positive integer", async ({ api }) => {
    for (const id of ["abc", "0", "-3", "1.5", "12abc"]) {
      const problem = await expectProblem(await api.get(`/v1/orders/${id}`), 400);
      expect(fieldsOf(problem)).toEqual(["orderId"]);
    }
  });

  test("404 for an unknown shop's menu", async ({ api }) => {
    await expectProblem(await api.get(`/v1/shops/${seededCatalog.unknownId}/menu`), 404);
  });
});
