/**
 * What a test's client sends on its own. Playwright's request fixture adds headers the capture
 * may have removed (said in a TODO); undici adds none, so curl's default Accept is written out.
 */
import type { CapturedRequest } from "../model/captured-request.ts";
import type { WarningNote } from "../model/conversion-warning.ts";
import type { PlannedHeader, PlannedRequest } from "./conversion-plan.ts";

/** Headers Playwright's request client adds when a test does not set them. */
const clientDefaults: Record<string, string> = {
  accept: "*/*",
  "user-agent": "its own",
  "accept-encoding": "gzip,deflate,br",
};

/** What the test's client sends on its own that the capture did not. */
export function clientDefaultTodos(
  request: CapturedRequest,
  headers: readonly PlannedHeader[],
): WarningNote[] {
  const todos: WarningNote[] = [];
  for (const name of request.omittedHeaders ?? []) {
    const value = clientDefaults[name.toLowerCase()];
    if (
      value !== undefined &&
      !headers.some((header) => header.name.toLowerCase() === name.toLowerCase())
    ) {
      todos.push({
        code: "client-default-header",
        message: `the capture sent no ${name} header; Playwright sends ${value}`,
      });
    }
  }
  return todos;
}

/** The request with curl's default Accept (any type), unless the capture sent its own or removed it. */
export function withCurlAccept(planned: PlannedRequest, request: CapturedRequest): PlannedRequest {
  const isAccept = (name: string) => name.toLowerCase() === "accept";
  if (planned.headers.some((header) => isAccept(header.name))) return planned;
  if ((request.omittedHeaders ?? []).some(isAccept)) return planned;
  const accept = { name: "Accept", value: [{ kind: "literal" as const, text: "*/*" }] };
  return { ...planned, headers: [...planned.headers, accept] };
}
