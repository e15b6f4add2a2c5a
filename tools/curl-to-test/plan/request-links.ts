import type { Correlation } from "./correlate.ts";
import { findCorrelations } from "./correlate.ts";
import type { Components } from "./flow-components.ts";
import { flowComponents } from "./flow-components.ts";
import { variableNames } from "./flow-variable-names.ts";
import type { Nonce } from "./nonce-slots.ts";
import { findNonces, nonceVariableNames, returnedBefore } from "./nonce-slots.ts";
import type { PreparedRequest } from "./prepare-requests.ts";
import { stateLinks } from "./state-links.ts";

/** How requests depend on each other: what they pass on, the flows they form, the names used. */
export interface RequestLinks {
  consumedBy: Map<number, Correlation[]>;
  producedBy: Map<number, Correlation[]>;
  nonces: Nonce[];
  components: Components;
  /** Flow variable per `variableKey(producer, path)`. */
  variables: Map<string, string>;
  nonceNames: Map<Nonce, string>;
}

/**
 * Values one response returns and a later request reuses, values made up per request (nonces)
 * and state one request leaves for another: each joins its requests into one flow.
 */
export function linkRequests(prepared: readonly PreparedRequest[]): RequestLinks {
  const correlations = findCorrelations(prepared);
  const nonces = findNonces(prepared, returnedBefore(prepared));
  const components = flowComponents(prepared.length, correlations, [
    ...nonces.flatMap((nonce) => nonce.uses.map((use) => [nonce.origin, use.request] as const)),
    ...stateLinks(prepared),
  ]);
  const variables = variableNames(prepared, correlations, components);
  const nonceNames = nonceVariableNames(
    nonces,
    (index) => components.find(index),
    [...variables].map(([key, name]) => [Number(key.split(":")[0]), name] as const),
  );
  return {
    consumedBy: Map.groupBy(correlations, (correlation) => correlation.consumer),
    producedBy: Map.groupBy(correlations, (correlation) => correlation.producer),
    nonces,
    components,
    variables,
    nonceNames,
  };
}
