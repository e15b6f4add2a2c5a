import type { Responder } from "./recording-server.ts";

/** Answers as the HAR's captured responses did; `{}` where the HAR holds none for the request. */
export function playBack(
  responses: Map<string, { status: number; mimeType: string | undefined; text: string }>,
): Responder {
  return (request) => {
    const captured = responses.get(`${request.method.toUpperCase()} ${request.target}`);
    if (captured === undefined) {
      return {
        status: 200,
        headers: [{ name: "content-type", value: "application/json" }],
        body: "{}",
      };
    }
    return {
      status: captured.status,
      headers: captured.mimeType ? [{ name: "content-type", value: captured.mimeType }] : [],
      body: captured.text,
    };
  };
}
