/**
 * Per-run values: what the client makes up for one attempt and the server must not see twice.
 * An `Idempotency-Key` sent again replays the first answer (the order the capture created,
 * since cancelled); a request id sent again may be refused as a duplicate; a client-generated
 * id in a create body names a resource that already exists on the second run. A generated test
 * sends a fresh value each run instead, and every later request that sent the captured value
 * sends the fresh one.
 */
import type { CapturedRequest } from "../model/captured-request.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import { camelIdentifier, nameWords } from "../model/identifier-names.ts";
import type { RequestSlot } from "./request-slots.ts";

/** Headers whose value is made up per attempt. */
const nonceHeader =
  /^(x-)?(idempotency-key|request-id|correlation-id|trace-id|transaction-id|nonce|client-request-id|amzn-trace-id)$/i;
const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const readMethods = new Set(["GET", "HEAD", "OPTIONS"]);
/** Body fields a client fills with a value of its own making (never a reference to a resource). */
const clientMadeKey =
  /^(client|external|request|idempotency|dedup|dedupe|nonce|correlation|transaction|event|message|submission)[A-Z_-]?/;
const ownIdKey = /^(id|uuid|guid)$/i;

export interface NonceUse {
  request: number;
  slotIndex: number;
}

/** One value the capture made up, where it was first sent, and every slot that sent it. */
export interface Nonce {
  value: string;
  /** The request that sent it first. */
  origin: number;
  /** camelCase, from the header or field name: `idempotencyKey`, `requestId`. */
  nameWords: string[];
  uses: NonceUse[];
}

export interface NonceInput {
  request: Pick<CapturedRequest, "method">;
  slots: readonly RequestSlot[];
}

/**
 * Nonces of a capture, in capture order: values of per-attempt headers, and UUIDs a write
 * request's JSON body sent before any response returned them. `producedBefore` says whether a
 * response earlier than request `index` returned the value (then it is the server's, not the
 * client's).
 */
export function findNonces(
  requests: readonly NonceInput[],
  producedBefore: (value: string, index: number) => boolean,
): Nonce[] {
  const byValue = new Map<string, Nonce>();
  requests.forEach((item, index) => {
    item.slots.forEach((slot, slotIndex) => {
      if (typeof slot.value !== "string" || slot.value === "") return;
      const known = byValue.get(slot.value);
      if (known) {
        known.uses.push({ request: index, slotIndex });
        return;
      }
      const words = nonceWords(item.request.method, slot);
      if (!words || producedBefore(slot.value, index)) return;
      byValue.set(slot.value, {
        value: slot.value,
        origin: index,
        nameWords: words,
        uses: [{ request: index, slotIndex }],
      });
    });
  });
  return [...byValue.values()];
}

/** The words naming a slot's value when it is a nonce; null when it is not one. */
function nonceWords(method: string, slot: RequestSlot): string[] | null {
  const place = slot.place;
  if (place.kind === "header" && nonceHeader.test(place.name)) {
    return nameWords(place.name).filter((word) => word !== "x");
  }
  if (
    place.kind === "json" &&
    !readMethods.has(method.toUpperCase()) &&
    typeof slot.value === "string" &&
    uuidShape.test(slot.value)
  ) {
    const key = place.path.at(-1);
    if (typeof key !== "string") return null;
    // The body's own id at its root names the resource being created; deeper, only keys that
    // say the client made the value up (`clientOrderId`) are fresh.
    const own = place.path.length === 1 && ownIdKey.test(key);
    return own || clientMadeKey.test(key) ? nameWords(key) : null;
  }
  return null;
}

/**
 * Each nonce's variable, e.g. `idempotencyKey`, unique among the names of its flow:
 * `rootOf` names a request's flow, `taken` lists (request, variable) pairs already named.
 */
export function nonceVariableNames(
  nonces: readonly Nonce[],
  rootOf: (request: number) => number,
  taken: Iterable<readonly [number, string]>,
): Map<Nonce, string> {
  const used = new Map<number, Set<string>>();
  const namesIn = (root: number): Set<string> => {
    const names = used.get(root) ?? new Set<string>();
    used.set(root, names);
    return names;
  };
  for (const [request, name] of taken) namesIn(rootOf(request)).add(name);
  const names = new Map<Nonce, string>();
  for (const nonce of nonces) {
    const inFlow = namesIn(rootOf(nonce.origin));
    const base = camelIdentifier(nonce.nameWords, "freshValue");
    let name = base;
    for (let n = 2; inFlow.has(name); n += 1) name = `${base}${n}`;
    inFlow.add(name);
    names.set(nonce, name);
  }
  return names;
}

/** What the test sends instead of the captured value, said where the nonce is first sent. */
export function nonceTodo(slot: RequestSlot): WarningNote {
  const place = slot.place;
  const what =
    place.kind === "header"
      ? `header ${place.name}`
      : place.kind === "json"
        ? `body field ${place.path.join(".")}`
        : "a value";
  return {
    code: "fresh-per-run",
    message: `${what} is made up afresh on each run (a new UUID): the server must not see the captured one twice`,
  };
}

/** For `findNonces`: did a response before request `index` return this value in its JSON body? */
export function returnedBefore(
  prepared: readonly { responseJson: unknown }[],
): (value: string, index: number) => boolean {
  const leaves = prepared.map((item) => new Set(stringLeaves(item.responseJson)));
  return (value, index) => leaves.slice(0, index).some((set) => set.has(value));
}

function stringLeaves(json: unknown): string[] {
  if (typeof json === "string") return [json];
  if (typeof json !== "object" || json === null) return [];
  return Object.values(json).flatMap(stringLeaves);
}
