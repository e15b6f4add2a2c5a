import type { CapturedRequest } from "../model/captured-request.ts";
import type { JsonPath } from "./conversion-plan.ts";
import type { PlanConversionInput, PlanFailure, SecretSlot } from "./plan-conversion.ts";
import type { RequestSlot } from "./request-slots.ts";
import { parseJson } from "./json-body.ts";
import { requestSlots } from "./request-slots.ts";

/** A captured request with its slots, the secrets among them and its response's JSON. */
export interface PreparedRequest {
  request: CapturedRequest;
  slots: RequestSlot[];
  secrets: SecretSlot[];
  secretResponsePaths: JsonPath[];
  responseJson: unknown;
}

/** Each request's slots and secrets; a request with a secret no slot holds is refused. */
export function prepareRequests(input: PlanConversionInput): {
  prepared: PreparedRequest[];
  failures: PlanFailure[];
} {
  const failures: PlanFailure[] = [];
  const prepared = input.requests.flatMap((request) => {
    const found = requestSlots(request);
    const secrets = input.locateSecrets(request, found);
    const slots = secrets.requestSlots ?? found;
    if (secrets.unplaced.length > 0) {
      failures.push({
        source: request.source,
        message: `cannot replace the secret in ${secrets.unplaced.join(", ")} with an env var; request not converted`,
      });
      return [];
    }
    return [
      {
        request,
        slots,
        secrets: secrets.slots,
        secretResponsePaths: secrets.responsePaths,
        responseJson: parseJson(request.response),
      },
    ];
  });
  return { prepared, failures };
}
