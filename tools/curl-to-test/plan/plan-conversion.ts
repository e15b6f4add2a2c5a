import type {
  CapturedRequest,
  CapturedResponse,
  SourceLocation,
} from "../model/captured-request.ts";
import { camelIdentifier, nameWords } from "../render/literal.ts";
import type {
  ConversionPlan,
  JsonPath,
  PlannedEnvVar,
  PlannedExchange,
  PlannedExport,
  PlannedSpec,
  PlannedTest,
  ValueTemplate,
} from "./conversion-plan.ts";
import { conversionPlanVersion } from "./conversion-plan.ts";
import { noiseRuleFor } from "./conditional-request.ts";
import { findCorrelations } from "./correlate.ts";
import { findNonces, nonceTodo, nonceVariableNames, returnedBefore } from "./nonce-slots.ts";
import { stateLinks } from "./state-links.ts";
import type { Correlation } from "./correlate.ts";
import { endpointTemplate } from "./endpoint-template.ts";
import { inferResponseSchema, inferSchema } from "./infer-schema.ts";
import type { EndpointTemplate } from "./endpoint-template.ts";
import type { RequestSlot } from "./request-slots.ts";
import { actionPhrase, hostOf } from "./spec-name.ts";
import { requestSlots } from "./request-slots.ts";
import { evidenceText, replayedSamples } from "./replayed-samples.ts";
import { echoedVariables } from "./echoed-variables.ts";
import { inferInvariants } from "./infer-invariants.ts";
import { requestTemplate } from "./request-template.ts";
import type { SlotFill } from "./request-template.ts";
import { responseExpectation } from "./response-expectation.ts";
import { tableColumns } from "./table-columns.ts";

/** A slot of a request that holds a secret, and the env var that stands for it. */
export interface SecretSlot {
  slotIndex: number;
  /** Upper snake case without the service prefix, e.g. `AUTHORIZATION_TOKEN`. */
  envName: string;
  /** What the secret is, in words, e.g. `Authorization header credential`. */
  description: string;
}

/**
 * Where a request's secrets are: the slots holding them, findings no slot holds (the request
 * is then refused, never rendered), and paths of its response body that hold secrets (never
 * asserted by value).
 */
export type SecretLocator = (
  request: CapturedRequest,
  slots: readonly RequestSlot[],
) => {
  slots: SecretSlot[];
  unplaced: string[];
  responsePaths: JsonPath[];
  /** The request's slots with any the locator split out for secrets; absent: unchanged. */
  requestSlots?: RequestSlot[];
};

export interface PlanConversionInput {
  requests: readonly CapturedRequest[];
  service: string;
  isNoiseHeader: (name: string, value: string) => boolean;
  locateSecrets: SecretLocator;
}

export interface ConversionWarning {
  /** The request it concerns; absent for a summary of many (each of which has its TODO). */
  source?: SourceLocation;
  message: string;
}

/** A secret replaced by an env var: which variable, what it stood for, where. */
export interface Redaction {
  envVar: string;
  description: string;
  sources: SourceLocation[];
}

/** A request the planner refused, e.g. because a secret in it could not be replaced. */
export interface PlanFailure {
  source: SourceLocation;
  message: string;
}

export interface PlannedConversion {
  plan: ConversionPlan;
  warnings: ConversionWarning[];
  redactions: Redaction[];
  failures: PlanFailure[];
  /**
   * Each env var's captured value, so a check can replay the tests with the credentials of the
   * capture. In memory only: never written, logged or printed.
   */
  capturedSecrets: ReadonlyMap<string, string>;
}

const noResponseTodo = "no response was captured";

/** Shorter secret values are replaced where found, but not searched for elsewhere. */
const minRepeatedSecretLength = 8;

/**
 * Decides everything the tests will send and assert: secrets become env vars, values that one
 * response returns and a later request reuses become flow variables (those requests form one
 * flow test), the rest group by endpoint, identical requests collapse, and one endpoint's
 * different requests become one table test.
 */
export function planConversion(input: PlanConversionInput): PlannedConversion {
  const envPrefix = input.service.toUpperCase().replace(/[^A-Z0-9]+/g, "_");
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

  const correlations = findCorrelations(prepared);
  const consumedBy = new Map<number, Correlation[]>();
  const producedBy = new Map<number, Correlation[]>();
  for (const correlation of correlations) {
    for (const [byIndex, index] of [
      [consumedBy, correlation.consumer],
      [producedBy, correlation.producer],
    ] as const) {
      const list = byIndex.get(index);
      if (list) list.push(correlation);
      else byIndex.set(index, [correlation]);
    }
  }
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

  const env = new EnvVarNames(envPrefix);
  const secretFills = prepared.map((item) => {
    const fills = new Map<number, SlotFill>();
    for (const secret of item.secrets) {
      const value = item.slots[secret.slotIndex]?.value;
      const name = env.nameFor(secret, String(value), item.request.source);
      fills.set(secret.slotIndex, { kind: "env", name });
    }
    return fills;
  });
  // A secret's value sent again where the finder did not look (a CSRF token in a cookie and in
  // a header) is the same secret: the same env var stands for it.
  const secretNamesByValue = env.namesByValue(minRepeatedSecretLength);
  const exchanges = prepared.map((item, index): PreparedExchange => {
    const fills = secretFills[index]!;
    item.slots.forEach((slot, slotIndex) => {
      const name = typeof slot.value === "string" ? secretNamesByValue.get(slot.value) : undefined;
      if (name === undefined || fills.has(slotIndex)) return;
      fills.set(slotIndex, { kind: "env", name });
      env.noteUse(name, item.request.source);
    });
    for (const correlation of consumedBy.get(index) ?? []) {
      const variable = variables.get(variableKey(correlation.producer, correlation.path))!;
      fills.set(correlation.slotIndex, {
        kind: "variable",
        name: variable,
        asString: correlation.asString,
      });
    }
    for (const nonce of nonces) {
      for (const use of nonce.uses) {
        if (use.request !== index || fills.get(use.slotIndex)?.kind === "env") continue;
        fills.set(use.slotIndex, {
          kind: "variable",
          name: nonceNames.get(nonce)!,
          asString: false,
        });
      }
    }
    const template = requestTemplate({
      request: item.request,
      slots: item.slots,
      fills,
      isNoiseHeader: noiseRuleFor(item.request, input.isNoiseHeader),
    });
    const variableSegments = new Set(
      [...fills]
        .filter(([, fill]) => fill.kind === "variable")
        .map(([slotIndex]) => item.slots[slotIndex]!.place)
        .flatMap((place) => (place.kind === "path-segment" ? [place.index] : [])),
    );
    const exports: PlannedExport[] = (producedBy.get(index) ?? [])
      .map((c) => ({ variable: variables.get(variableKey(index, c.path))!, path: c.path }))
      .filter(
        (candidate, position, all) =>
          all.findIndex((other) => other.variable === candidate.variable) === position,
      );
    return {
      index,
      request: item.request,
      endpoint: endpointTemplate({
        method: item.request.method,
        url: literalText(template.request.url),
        variableSegments,
        host: hostOf(item.request.url),
      }),
      planned: template.request,
      todos: [
        ...item.request.warnings,
        ...template.todos,
        ...nonces
          .filter((nonce) => nonce.origin === index)
          .map((nonce) => nonceTodo(item.slots[nonce.uses[0]!.slotIndex]!)),
      ],
      exports,
      freshValues: nonces
        .filter((nonce) => nonce.origin === index)
        .map((nonce) => nonceNames.get(nonce)!),
      sentVariables: [...fills].flatMap(([slotIndex, fill]) =>
        fill.kind === "variable" ? [{ name: fill.name, value: item.slots[slotIndex]!.value }] : [],
      ),
      secretResponsePaths: item.secretResponsePaths,
      responseJson: item.responseJson,
    };
  });

  const warnings: ConversionWarning[] = [];
  const nonceValues = new Set(nonces.map((nonce) => nonce.value));
  let unanswered = 0;
  const exchangeFor = (group: readonly PreparedExchange[]): PlannedExchange => {
    const first = group[0]!;
    const samples = group.flatMap((item) => (item.request.response ? [item.request.response] : []));
    const replayed = replayedSamples(group, samples[0]?.status);
    const expectation = responseExpectation(
      [...samples, ...replayed.samples],
      group.flatMap((item) => item.secretResponsePaths),
      nonceValues,
    );
    const todos = [...first.todos];
    const title = exchangeTitle(first.planned.method, first.planned.url, null);
    for (const todo of [...expectation.todos, ...replayed.todos(title)]) {
      if (todo.startsWith(noResponseTodo)) unanswered += 1;
      else warnings.push({ source: first.request.source, message: todo });
      todos.push(todo);
    }
    const inferred =
      expectation.expect.body.kind === "json"
        ? inferInvariants({
            schema: expectation.expect.body.schema,
            samples: [...samples, ...replayed.samples].flatMap((sample) => {
              const parsed = parseJson(sample);
              return parsed === undefined ? [] : [parsed];
            }),
            evidence: evidenceText(samples.length, replayed.samples.length),
          })
        : { rules: [], invariants: [] };
    inferred.invariants.push(...echoedVariables(group, expectation.expect.body));
    return {
      title: `${actionPhrase(first.endpoint.nameWords)} — ${exchangeTitle(first.planned.method, first.planned.url, expectation.expect.status)}`,
      nameWords: first.endpoint.nameWords,
      sources: group.map((item) => item.request.source),
      request: first.planned,
      expect: expectation.expect,
      exports: first.exports,
      todos,
      ...(first.freshValues.length > 0 ? { freshValues: first.freshValues } : {}),
      ...(inferred.rules.length > 0 ? { rules: inferred.rules } : {}),
      ...(inferred.invariants.length > 0 ? { invariants: inferred.invariants } : {}),
    };
  };
  for (const item of exchanges) {
    for (const todo of item.todos) warnings.push({ source: item.request.source, message: todo });
  }

  const specs: PlannedSpec[] = [];
  const fileNames = new UniqueNames();
  const inFlow = new Set<number>();
  const flowsByRoot = new Map<number, PreparedExchange[]>();
  for (const item of exchanges) {
    const root = components.find(item.index);
    if (components.size(root) < 2) continue;
    inFlow.add(item.index);
    const flow = flowsByRoot.get(root);
    if (flow) flow.push(item);
    else flowsByRoot.set(root, [item]);
  }
  const groups = new Map<string, PreparedExchange[]>();
  for (const item of exchanges) {
    if (inFlow.has(item.index)) continue;
    const group = groups.get(item.endpoint.title);
    if (group) group.push(item);
    else groups.set(item.endpoint.title, [item]);
  }

  // Specs in the order their first request was captured.
  const starts: { at: number; build: () => PlannedSpec }[] = [];
  // Flows through the same endpoints share a spec; identical flows collapse into one test.
  const flowShapes = new Map<string, Map<string, PreparedExchange[][]>>();
  for (const steps of flowsByRoot.values()) {
    const shape = steps.map((step) => step.endpoint.title).join("\n");
    const identity = JSON.stringify(steps.map((step) => step.planned));
    const byIdentity = flowShapes.get(shape) ?? new Map<string, PreparedExchange[][]>();
    flowShapes.set(shape, byIdentity);
    const same = byIdentity.get(identity);
    if (same) same.push(steps);
    else byIdentity.set(identity, [steps]);
  }
  for (const byIdentity of flowShapes.values()) {
    const flows = [...byIdentity.values()];
    const first = flows[0]![0]!;
    starts.push({
      at: first[0]!.index,
      build: () => {
        const titles = first.map((step) => step.endpoint.title);
        const shown = titles.length > 4 ? [...titles.slice(0, 3), "…"] : titles;
        return {
          fileName: fileNames.take([...first[0]!.endpoint.nameWords, "flow"]),
          title: `flow: ${first[0]!.endpoint.title}`,
          kind: "flow",
          tests: uniqueTitles(
            flows.map((same) => ({
              kind: "flow",
              title: `${shown.join(" → ")} (${first.length} steps)`,
              steps: first.map((_, position) => exchangeFor(same.map((flow) => flow[position]!))),
            })),
          ),
        };
      },
    });
  }
  for (const members of groups.values()) {
    starts.push({
      at: members[0]!.index,
      build: () => {
        const endpoint = members[0]!.endpoint;
        return {
          fileName: fileNames.take(endpoint.nameWords),
          title: endpoint.title,
          kind: "endpoint",
          tests: uniqueTitles(endpointTests(members, endpoint, exchangeFor)),
        };
      },
    });
  }
  for (const start of starts.sort((a, b) => a.at - b.at)) specs.push(start.build());

  if (unanswered > 0) {
    warnings.push({
      message: `${unanswered} request(s) had no captured response: their tests assert a 2xx status only (\`--record URL\` captures responses)`,
    });
  }
  const plan: ConversionPlan = {
    version: conversionPlanVersion,
    service: input.service,
    envVars: env.planned(),
    specs,
  };
  return {
    plan,
    warnings,
    redactions: env.redactions(),
    failures,
    capturedSecrets: env.capturedValues(),
  };
}

interface PreparedExchange {
  index: number;
  request: CapturedRequest;
  endpoint: EndpointTemplate;
  planned: PlannedExchange["request"];
  todos: string[];
  exports: PlannedExport[];
  /** Nonces this request sends first: declared fresh before it. */
  freshValues: string[];
  /** Flow variables this request sends, with the captured value each stood for. */
  sentVariables: { name: string; value: string | number | boolean | null }[];
  secretResponsePaths: JsonPath[];
  responseJson: unknown;
}

/** Identical requests collapse into one exchange; different ones share a table when they can. */
function endpointTests(
  members: readonly PreparedExchange[],
  endpoint: EndpointTemplate,
  exchangeFor: (group: readonly PreparedExchange[]) => PlannedExchange,
): PlannedTest[] {
  const identical = new Map<string, PreparedExchange[]>();
  for (const member of members) {
    const key = JSON.stringify(member.planned);
    const same = identical.get(key);
    if (same) same.push(member);
    else identical.set(key, [member]);
  }
  const cases = [...identical.values()].map(exchangeFor);
  if (cases.length > 1 && tableColumns(cases)) {
    const bodies = [...identical.values()].map((group) => group[0]!.request);
    const responseSamples = [...identical.values()].flatMap((group) =>
      group.flatMap((item) => (item.responseJson === undefined ? [] : [item.responseJson])),
    );
    const requestBodies = bodies.flatMap((request) =>
      request.body.kind === "text" ? [safeJsonParse(request.body.text)] : [],
    );
    const firstBody = cases[0]!.request.body;
    return [
      {
        kind: "table",
        nameWords: endpoint.nameWords,
        responseSchema:
          cases[0]!.expect.body.kind === "json"
            ? (inferResponseSchema(responseSamples)?.schema ?? null)
            : null,
        requestBodySchema:
          firstBody.kind === "json" && requestBodies.length === cases.length
            ? inferSchema(requestBodies)
            : null,
        // One test body asserts every row: rules inferred for one case need not fit another.
        cases: cases.map(withoutInferredRules),
      },
    ];
  }
  return cases.map((exchange) => ({ kind: "single", title: exchange.title, exchange }));
}

function withoutInferredRules(exchange: PlannedExchange): PlannedExchange {
  const copy = { ...exchange };
  delete copy.rules;
  delete copy.invariants;
  return copy;
}

/** Titles unique within a spec: Playwright refuses two tests of one file with the same title. */
function uniqueTitles(tests: PlannedTest[]): PlannedTest[] {
  const seen = new UniqueTitles();
  for (const test of tests) {
    if (test.kind === "table") {
      for (const row of test.cases) row.title = seen.take(row.title);
    } else {
      test.title = seen.take(test.title);
    }
  }
  return tests;
}

class UniqueTitles {
  #seen = new Set<string>();
  take(title: string): string {
    let unique = title;
    for (let n = 2; this.#seen.has(unique); n += 1) unique = `${title} #${n}`;
    this.#seen.add(unique);
    return unique;
  }
}

class UniqueNames {
  #seen = new Set<string>();
  take(words: readonly string[]): string {
    const base = words.flatMap((word) => nameWords(word)).join("-") || "request";
    let name = `${base}.spec.ts`;
    for (let n = 2; this.#seen.has(name); n += 1) name = `${base}-${n}.spec.ts`;
    this.#seen.add(name);
    return name;
  }
}

/** Env var names per secret: one name per (kind, captured value), so different credentials never share a variable. */
class EnvVarNames {
  readonly #prefix: string;
  readonly #byValue = new Map<string, string>();
  readonly #firstByValue = new Map<string, string>();
  readonly #countByBase = new Map<string, number>();
  readonly #entries = new Map<
    string,
    { description: string; value: string; sources: Map<string, SourceLocation> }
  >();

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  nameFor(secret: SecretSlot, value: string, source: SourceLocation): string {
    const base = `${this.#prefix}_${secret.envName.toUpperCase().replace(/[^A-Z0-9]+/g, "_")}`;
    const key = `${base}\u0000${value}`;
    let name = this.#byValue.get(key) ?? this.#shared(value);
    if (!name) {
      const count = (this.#countByBase.get(base) ?? 0) + 1;
      this.#countByBase.set(base, count);
      name = count === 1 ? base : `${base}_${count}`;
      this.#byValue.set(key, name);
      if (!this.#firstByValue.has(value)) this.#firstByValue.set(value, name);
      this.#entries.set(name, { description: secret.description, value, sources: new Map() });
    }
    this.noteUse(name, source);
    return name;
  }

  /** The name already standing for this value, when it is long enough to be that secret. */
  #shared(value: string): string | undefined {
    return value.length < minRepeatedSecretLength ? undefined : this.#firstByValue.get(value);
  }

  noteUse(name: string, source: SourceLocation): void {
    this.#entries.get(name)?.sources.set(`${source.file}:${source.line}:${source.column}`, source);
  }

  /** Captured value → env var, for values at least `minLength` long. */
  namesByValue(minLength: number): Map<string, string> {
    const names = new Map<string, string>();
    for (const [name, entry] of this.#entries) {
      if (entry.value.length >= minLength && !names.has(entry.value)) names.set(entry.value, name);
    }
    return names;
  }

  planned(): PlannedEnvVar[] {
    return [...this.#entries].map(([name, entry]) => ({ name, description: entry.description }));
  }

  redactions(): Redaction[] {
    return [...this.#entries].map(([envVar, entry]) => ({
      envVar,
      description: entry.description,
      sources: [...entry.sources.values()],
    }));
  }

  capturedValues(): Map<string, string> {
    return new Map([...this.#entries].map(([name, entry]) => [name, entry.value]));
  }
}

/** Union-find over requests: a correlation joins producer and consumer into one flow. */
class Components {
  readonly #parent: number[];
  readonly #size: number[];
  constructor(count: number) {
    this.#parent = Array.from({ length: count }, (_, index) => index);
    this.#size = Array.from({ length: count }, () => 1);
  }
  find(index: number): number {
    let root = index;
    while (this.#parent[root] !== root) root = this.#parent[root]!;
    return root;
  }
  join(a: number, b: number): void {
    const rootA = this.find(a);
    const rootB = this.find(b);
    if (rootA === rootB) return;
    this.#parent[rootB] = rootA;
    this.#size[rootA]! += this.#size[rootB]!;
  }
  size(root: number): number {
    return this.#size[root]!;
  }
}

function flowComponents(
  count: number,
  correlations: readonly Correlation[],
  links: readonly (readonly [number, number])[],
): Components {
  const components = new Components(count);
  for (const correlation of correlations)
    components.join(correlation.producer, correlation.consumer);
  for (const [a, b] of links) components.join(a, b);
  return components;
}

function variableKey(producer: number, path: JsonPath): string {
  return `${producer}:${JSON.stringify(path)}`;
}

/** `id` of `POST /orders` → `orderId`; other keys as they are (`token`); unique per flow. */
function variableNames(
  prepared: readonly { request: CapturedRequest }[],
  correlations: readonly Correlation[],
  components: Components,
): Map<string, string> {
  const names = new Map<string, string>();
  const usedByFlow = new Map<number, Set<string>>();
  for (const correlation of correlations) {
    const key = variableKey(correlation.producer, correlation.path);
    if (names.has(key)) continue;
    const keys = correlation.path.filter((step): step is string => typeof step === "string");
    const lastKey = keys.at(-1) ?? "value";
    let words = nameWords(lastKey);
    if (/^(id|uuid|guid)$/i.test(lastKey)) {
      // A bare id is named after what holds it: its parent key, else the endpoint's resource.
      const request = prepared[correlation.producer]!.request;
      const owner =
        keys.at(-2) ??
        endpointTemplate({ method: request.method, url: request.url })
          .nameWords.slice(1)
          .filter((word) => word !== "by" && !/Id$|^id$/.test(word))
          .at(-1);
      if (owner) words = [...nameWords(owner).map(singularWord), ...words];
    }
    const base = camelIdentifier(words, "value");
    const root = components.find(correlation.producer);
    const used = usedByFlow.get(root) ?? new Set<string>();
    usedByFlow.set(root, used);
    let name = base;
    for (let n = 2; used.has(name); n += 1) name = `${base}${n}`;
    used.add(name);
    names.set(key, name);
  }
  return names;
}

function singularWord(word: string): string {
  if (/ies$/.test(word)) return `${word.slice(0, -3)}y`;
  if (/[^s]s$/.test(word)) return word.slice(0, -1);
  return word;
}

/** A template's text with env vars and variables shown as `{NAME}`, for titles and keys. */
function literalText(template: ValueTemplate): string {
  return template.map((part) => (part.kind === "literal" ? part.text : `{${part.name}}`)).join("");
}

const maxTitleUrl = 100;

function exchangeTitle(method: string, url: ValueTemplate, status: number | null): string {
  const text = literalText(url);
  const shown = text.length > maxTitleUrl ? `${text.slice(0, maxTitleUrl - 1)}…` : text;
  return `${method} ${shown}${status === null ? "" : ` → ${status}`}`;
}

function parseJson(response: CapturedResponse | undefined): unknown {
  if (!response?.bodyText) return undefined;
  if (!/json/i.test(response.mimeType ?? "") && !/^\s*[[{]/.test(response.bodyText))
    return undefined;
  return safeJsonParse(response.bodyText);
}

function safeJsonParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
