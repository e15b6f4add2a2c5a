import type { CapturedRequest } from "../model/captured-request.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import type { JsonPath, PlannedExchange, PlannedExport } from "./conversion-plan.ts";
import { endpointTemplate } from "./endpoint-template.ts";
import type { EndpointTemplate } from "./endpoint-template.ts";
import type { EnvVarNames } from "./env-var-names.ts";
import { literalText } from "./exchange-title.ts";
import { variableKey } from "./flow-variable-names.ts";
import { nonceTodo } from "./nonce-slots.ts";
import type { PlanConversionInput } from "./plan-conversion.ts";
import type { PreparedRequest } from "./prepare-requests.ts";
import type { RequestLinks } from "./request-links.ts";
import { requestTemplate } from "./request-template.ts";
import type { SlotFill } from "./request-template.ts";
import { slotFills } from "./slot-fills.ts";
import { hostOf } from "./spec-name.ts";

/** One request as the tests will send it, before identical ones collapse into one exchange. */
export interface PreparedExchange {
  index: number;
  request: CapturedRequest;
  endpoint: EndpointTemplate;
  planned: PlannedExchange["request"];
  /** The request's warnings, then what its template sends differently: each a TODO. */
  todos: WarningNote[];
  exports: PlannedExport[];
  /** Nonces this request sends first: declared fresh before it. */
  freshValues: string[];
  /** Flow variables this request sends, with the captured value each stood for. */
  sentVariables: { name: string; value: string | number | boolean | null }[];
  secretResponsePaths: JsonPath[];
  responseJson: unknown;
}

/** Each request with its captured values replaced, its endpoint and what it passes on. */
export function prepareExchanges(
  prepared: readonly PreparedRequest[],
  links: RequestLinks,
  env: EnvVarNames,
  isNoiseHeader: PlanConversionInput["isNoiseHeader"],
): PreparedExchange[] {
  const fills = slotFills(prepared, links, env);
  return prepared.map((item, index) =>
    preparedExchange(item, index, fills[index]!, links, isNoiseHeader),
  );
}

function preparedExchange(
  item: PreparedRequest,
  index: number,
  fills: ReadonlyMap<number, SlotFill>,
  links: RequestLinks,
  isNoiseHeader: PlanConversionInput["isNoiseHeader"],
): PreparedExchange {
  const template = requestTemplate({
    request: item.request,
    slots: item.slots,
    fills,
    isNoiseHeader,
  });
  const originated = links.nonces.filter((nonce) => nonce.origin === index);
  return {
    index,
    request: item.request,
    endpoint: endpointTemplate({
      method: item.request.method,
      url: literalText(template.request.url),
      variableSegments: variableSegments(item, fills),
      host: hostOf(item.request.url),
    }),
    planned: template.request,
    todos: [
      ...item.request.warnings,
      ...template.todos,
      ...originated.map((nonce) => nonceTodo(item.slots[nonce.uses[0]!.slotIndex]!)),
    ],
    exports: exchangeExports(index, links),
    freshValues: originated.map((nonce) => links.nonceNames.get(nonce)!),
    sentVariables: [...fills].flatMap(([slotIndex, fill]) =>
      fill.kind === "variable" ? [{ name: fill.name, value: item.slots[slotIndex]!.value }] : [],
    ),
    secretResponsePaths: item.secretResponsePaths,
    responseJson: item.responseJson,
  };
}

/** Path segments that hold a flow variable: the endpoint names them as parameters. */
function variableSegments(
  item: PreparedRequest,
  fills: ReadonlyMap<number, SlotFill>,
): Set<number> {
  return new Set(
    [...fills]
      .filter(([, fill]) => fill.kind === "variable")
      .map(([slotIndex]) => item.slots[slotIndex]!.place)
      .flatMap((place) => (place.kind === "path-segment" ? [place.index] : [])),
  );
}

/** Values of this request's response that later requests use, one export per variable. */
function exchangeExports(index: number, links: RequestLinks): PlannedExport[] {
  return (links.producedBy.get(index) ?? [])
    .map((c) => ({ variable: links.variables.get(variableKey(index, c.path))!, path: c.path }))
    .filter(
      (candidate, position, all) =>
        all.findIndex((other) => other.variable === candidate.variable) === position,
    );
}
