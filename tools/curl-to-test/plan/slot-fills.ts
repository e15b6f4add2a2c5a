import type { EnvVarNames } from "./env-var-names.ts";
import { minRepeatedSecretLength } from "./env-var-names.ts";
import { variableKey } from "./flow-variable-names.ts";
import type { PreparedRequest } from "./prepare-requests.ts";
import type { RequestLinks } from "./request-links.ts";
import type { SlotFill } from "./request-template.ts";

/**
 * What each request sends in place of its captured values: env vars for secrets, flow variables
 * for values an earlier response returned and for nonces.
 */
export function slotFills(
  prepared: readonly PreparedRequest[],
  links: RequestLinks,
  env: EnvVarNames,
): Map<number, SlotFill>[] {
  const fills = prepared.map((item) => secretFills(item, env));
  // A secret's value sent again where the finder did not look (a CSRF token in a cookie and in
  // a header) is the same secret: the same env var stands for it.
  const secretNamesByValue = env.namesByValue(minRepeatedSecretLength);
  prepared.forEach((item, index) => {
    const requestFills = fills[index]!;
    repeatedSecretFills(item, requestFills, secretNamesByValue, env);
    flowVariableFills(index, requestFills, links);
  });
  return fills;
}

function secretFills(item: PreparedRequest, env: EnvVarNames): Map<number, SlotFill> {
  const fills = new Map<number, SlotFill>();
  for (const secret of item.secrets) {
    const value = item.slots[secret.slotIndex]?.value;
    const name = env.nameFor(secret, String(value), item.request.source);
    fills.set(secret.slotIndex, { kind: "env", name });
  }
  return fills;
}

function repeatedSecretFills(
  item: PreparedRequest,
  fills: Map<number, SlotFill>,
  secretNamesByValue: ReadonlyMap<string, string>,
  env: EnvVarNames,
): void {
  item.slots.forEach((slot, slotIndex) => {
    const name = typeof slot.value === "string" ? secretNamesByValue.get(slot.value) : undefined;
    if (name === undefined || fills.has(slotIndex)) return;
    fills.set(slotIndex, { kind: "env", name });
    env.noteUse(name, item.request.source);
  });
}

function flowVariableFills(index: number, fills: Map<number, SlotFill>, links: RequestLinks): void {
  for (const correlation of links.consumedBy.get(index) ?? []) {
    const variable = links.variables.get(variableKey(correlation.producer, correlation.path))!;
    fills.set(correlation.slotIndex, {
      kind: "variable",
      name: variable,
      asString: correlation.asString,
    });
  }
  for (const nonce of links.nonces) {
    for (const use of nonce.uses) {
      if (use.request !== index || fills.get(use.slotIndex)?.kind === "env") continue;
      fills.set(use.slotIndex, {
        kind: "variable",
        name: links.nonceNames.get(nonce)!,
        asString: false,
      });
    }
  }
}
