import type { PlannedBody, PlannedTableTest } from "../plan/conversion-plan.ts";
import { tableColumns } from "../plan/table-columns.ts";
import { camelIdentifier, pascalIdentifier } from "../model/identifier-names.ts";
import { stringLiteral } from "./literal.ts";
import type { SpecFile } from "./spec-file.ts";
import { templateCode, jsonCode, headersCode, declareSchema, declareType } from "./spec-file.ts";
import { todoLines } from "./spec-lines.ts";
import { sendAndCheck, testFixtures, textReencoded } from "./send-and-check.ts";
import type { ExchangeNames } from "./send-and-check.ts";
import { expectedValues, valuesCode } from "./response-checks.ts";
import { renderSingle } from "./render-single.ts";

export function renderTable(file: SpecFile, test: PlannedTableTest): string {
  const columns = tableColumns(test.cases);
  const first = test.cases[0]!;
  if (!columns) {
    // The planner only plans tables whose cases fit one; render them one by one otherwise.
    return test.cases.map((exchange) => renderSingle(file, exchange.title, exchange)).join("\n\n");
  }
  const typeName = file.name(pascalIdentifier([...test.nameWords, "case"]));
  const rowsName = file.name(camelIdentifier([...test.nameWords, "cases"]));
  const bodyType = test.requestBodySchema
    ? declareType(file, [...test.nameWords, "request", "body"], test.requestBodySchema)
    : null;
  const responseSchema =
    first.expect.body.kind === "json"
      ? declareSchema(
          file,
          [...test.nameWords, "response"],
          test.responseSchema ?? first.expect.body.schema,
        )
      : null;
  const assertsValues =
    responseSchema !== null &&
    test.cases.some((exchange) => expectedValues(exchange.expect).length > 0);

  const fields = ["title: string;"];
  if (columns.url) fields.push("url: string;");
  if (columns.headers) fields.push("headers: Record<string, string>;");
  if (columns.body) fields.push(`body: ${bodyType ?? "string"};`);
  if (columns.status) fields.push("status: number;");
  if (assertsValues) fields.push("expected: Record<string, unknown>;");
  file.declarations.push(`interface ${typeName} {\n${fields.join("\n")}\n}`, "");

  const rows = test.cases.map((exchange) => {
    const cells = [`title: ${stringLiteral(exchange.title)}`];
    const request = exchange.request;
    if (columns.url) cells.push(`url: ${templateCode(file, request.url)}`);
    if (columns.headers) cells.push(`headers: ${headersCode(file, request)}`);
    if (columns.body) cells.push(`body: ${tableBodyCode(file, request.body)}`);
    if (columns.status) cells.push(`status: ${String(exchange.expect.status)}`);
    if (assertsValues) cells.push(`expected: ${valuesCode(expectedValues(exchange.expect))}`);
    return [...todoLines(exchange.todos), `{ ${cells.join(", ")} },`].join("\n");
  });
  file.declarations.push(`const ${rowsName}: ${typeName}[] = [\n${rows.join("\n")}\n];`, "");

  const names: ExchangeNames = { responseSchema, bodyType };
  return [
    `for (const row of ${rowsName}) {`,
    `test(row.title, async (${testFixtures([first.request])}) => {`,
    ...sendAndCheck(file, first, names, {
      ...(columns.url ? { url: "row.url" } : {}),
      ...(columns.headers ? { headers: "row.headers" } : {}),
      ...(columns.body ? { body: tableBodyData(test) } : {}),
      ...(columns.status ? { status: "row.status" } : {}),
      ...(assertsValues ? { expected: "row.expected" } : {}),
    }),
    "});",
    "}",
  ].join("\n");
}

/** What a table test sends as `data`, read from its row. */
function tableBodyData(test: PlannedTableTest): string {
  if (test.cases[0]!.request.body.kind === "json") return "JSON.stringify(row.body)";
  const reencoded = test.cases.some(
    ({ request }) => request.body.kind === "text" && textReencoded(request, request.body.text),
  );
  return reencoded ? "Buffer.from(row.body)" : "row.body";
}

function tableBodyCode(file: SpecFile, body: PlannedBody): string {
  if (body.kind === "json") return jsonCode(file, body.value);
  if (body.kind === "text") return templateCode(file, body.text);
  return '""';
}
