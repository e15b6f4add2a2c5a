import type { CapturedResponse } from "../model/captured-request.ts";
import type { ConversionWarning } from "../model/conversion-warning.ts";
import type { PlannedExchange, PlannedExpectation } from "./conversion-plan.ts";
import { echoedVariables } from "./echoed-variables.ts";
import { exchangeTitle, titleUrl } from "./exchange-title.ts";
import { inferInvariants } from "./infer-invariants.ts";
import { parseJson } from "./json-body.ts";
import type { PreparedExchange } from "./prepare-exchanges.ts";
import { evidenceText, replayedSamples } from "./replayed-samples.ts";
import { responseExpectation } from "./response-expectation.ts";
import { actionPhrase } from "./spec-name.ts";

/**
 * Plans identical requests as one exchange: what to expect of the response, the invariants its
 * samples show. Collects the warnings this raises; requests with no response are counted, to be
 * warned about once.
 */
export class ExchangePlanner {
  readonly #nonceValues: ReadonlySet<string>;
  readonly #warnings: ConversionWarning[];
  #unanswered = 0;

  constructor(nonceValues: ReadonlySet<string>, warnings: ConversionWarning[]) {
    this.#nonceValues = nonceValues;
    this.#warnings = warnings;
  }

  get unanswered(): number {
    return this.#unanswered;
  }

  plan(group: readonly PreparedExchange[]): PlannedExchange {
    const first = group[0]!;
    const samples = group.flatMap((item) => (item.request.response ? [item.request.response] : []));
    const replayed = replayedSamples(group, samples[0]?.status);
    const allSamples = [...samples, ...replayed.samples];
    const expectation = responseExpectation(
      allSamples,
      group.flatMap((item) => item.secretResponsePaths),
      this.#nonceValues,
    );
    const todos = first.todos.map(({ code, message }) => ({ code, message }));
    const title = exchangeTitle(first.planned.method, titleUrl(first.planned), null);
    for (const note of [...expectation.notes, ...replayed.notes(title)]) {
      if (note.code === "no-response") this.#unanswered += 1;
      else this.#warnings.push({ ...note, location: first.request.source });
      todos.push({ code: note.code, message: note.message });
    }
    const inferred = exchangeInvariants(
      expectation.expect,
      allSamples,
      evidenceText(samples.length, replayed.samples.length),
    );
    inferred.invariants.push(...echoedVariables(group, expectation.expect.body));
    return {
      title: `${actionPhrase(first.endpoint.nameWords)} — ${exchangeTitle(first.planned.method, titleUrl(first.planned), expectation.expect.status)}`,
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
  }
}

function exchangeInvariants(
  expect: PlannedExpectation,
  samples: readonly CapturedResponse[],
  evidence: string,
): ReturnType<typeof inferInvariants> {
  if (expect.body.kind !== "json") return { rules: [], invariants: [] };
  return inferInvariants({
    schema: expect.body.schema,
    samples: samples.flatMap((sample) => {
      const parsed = parseJson(sample);
      return parsed === undefined ? [] : [parsed];
    }),
    evidence,
  });
}
