/** Captured requests and responses written in a line each, for the planner's tests. */
import type { CapturedRequest, CapturedResponse } from "../../model/captured-request.ts";
import type { PlannedExchange } from "../conversion-plan.ts";
import { isNoiseHeader } from "../noise-headers.ts";
import { planConversion } from "../plan-conversion.ts";
import type { PlanConversionInput, PlannedConversion } from "../plan-conversion.ts";
import { locateSecretSlots } from "../secret-slots.ts";

let line = 0;

export function captured(
  method: string,
  url: string,
  extra: Partial<Omit<CapturedRequest, "method" | "url">> = {},
): CapturedRequest {
  line += 1;
  return {
    source: { file: "capture.sh", line, column: 1 },
    method,
    url,
    headers: [],
    body: { kind: "none" },
    warnings: [],
    ...extra,
  };
}

export function json(status: number, body: unknown): CapturedResponse {
  return {
    status,
    headers: [],
    bodyText: JSON.stringify(body),
    mimeType: "application/json",
  };
}

/** A JSON request body, sent with its content type. */
export function jsonBody(value: unknown): Pick<CapturedRequest, "headers" | "body"> {
  return {
    headers: [{ name: "Content-Type", value: "application/json" }],
    body: { kind: "text", text: JSON.stringify(value), mimeType: "application/json" },
  };
}

export function plan(
  requests: CapturedRequest[],
  extra: Partial<Omit<PlanConversionInput, "requests">> = {},
): PlannedConversion {
  return planConversion({
    requests,
    service: "order",
    isNoiseHeader,
    locateSecrets: locateSecretSlots,
    ...extra,
  });
}

/** An exchange's TODOs as the spec shows them. */
export function todoMessages(exchange: PlannedExchange): string[] {
  return exchange.todos.map((todo) => todo.message);
}
