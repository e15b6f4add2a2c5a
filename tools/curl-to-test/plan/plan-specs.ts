import type { PlannedExchange, PlannedSpec } from "./conversion-plan.ts";
import { endpointTests } from "./endpoint-tests.ts";
import type { Components } from "./flow-components.ts";
import type { PreparedExchange } from "./prepare-exchanges.ts";
import { SpecFileNames, uniqueTitles } from "./unique-spec-names.ts";

type ExchangeFor = (group: readonly PreparedExchange[]) => PlannedExchange;

/** A spec to build, placed by the index of its first captured request. */
interface SpecStart {
  at: number;
  build: () => PlannedSpec;
}

/**
 * Requests joined into a flow make flow specs; the rest group by endpoint. Specs come in the
 * order their first request was captured, and are built (and their file names taken) in it.
 */
export function planSpecs(
  exchanges: readonly PreparedExchange[],
  components: Components,
  exchangeFor: ExchangeFor,
): PlannedSpec[] {
  const fileNames = new SpecFileNames();
  const inFlow = (item: PreparedExchange): boolean =>
    components.size(components.find(item.index)) >= 2;
  const flows = Map.groupBy(exchanges.filter(inFlow), (item) => components.find(item.index));
  const groups = Map.groupBy(
    exchanges.filter((item) => !inFlow(item)),
    (item) => item.endpoint.title,
  );
  const starts = [
    ...flowSpecStarts(flows.values(), fileNames, exchangeFor),
    ...[...groups.values()].map((members) => endpointSpecStart(members, fileNames, exchangeFor)),
  ];
  return starts.sort((a, b) => a.at - b.at).map((start) => start.build());
}

/** Flows through the same endpoints share a spec; identical flows collapse into one test. */
function flowSpecStarts(
  flows: Iterable<PreparedExchange[]>,
  fileNames: SpecFileNames,
  exchangeFor: ExchangeFor,
): SpecStart[] {
  const byShape = Map.groupBy(flows, (steps) =>
    steps.map((step) => step.endpoint.title).join("\n"),
  );
  return [...byShape.values()].map((sameShape) => {
    const identical = [
      ...Map.groupBy(sameShape, (steps) =>
        JSON.stringify(steps.map((step) => step.planned)),
      ).values(),
    ];
    const first = identical[0]![0]!;
    return {
      at: first[0]!.index,
      build: () => flowSpec(identical, fileNames, exchangeFor),
    };
  });
}

function flowSpec(
  identical: readonly (readonly PreparedExchange[][])[],
  fileNames: SpecFileNames,
  exchangeFor: ExchangeFor,
): PlannedSpec {
  const first = identical[0]![0]!;
  const titles = first.map((step) => step.endpoint.title);
  const shown = titles.length > 4 ? [...titles.slice(0, 3), "…"] : titles;
  return {
    fileName: fileNames.take([...first[0]!.endpoint.nameWords, "flow"]),
    title: `flow: ${first[0]!.endpoint.title}`,
    kind: "flow",
    tests: uniqueTitles(
      identical.map((same) => ({
        kind: "flow",
        title: `${shown.join(" → ")} (${first.length} steps)`,
        steps: first.map((_, position) => exchangeFor(same.map((flow) => flow[position]!))),
      })),
    ),
  };
}

function endpointSpecStart(
  members: readonly PreparedExchange[],
  fileNames: SpecFileNames,
  exchangeFor: ExchangeFor,
): SpecStart {
  return {
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
  };
}
