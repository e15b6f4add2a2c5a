/** What a route handler answers; the server turns it into bytes. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Defaults to application/json when a body is present. */
  contentType?: string;
}

export interface FieldError {
  field: string;
  message: string;
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** RFC 9457 problem details, the error shape of every demo service. */
export function problem(
  status: number,
  title: string,
  options: { detail?: string; errors?: FieldError[]; headers?: Record<string, string> } = {},
): Reply {
  const body: Record<string, unknown> = { type: "about:blank", title, status };
  if (options.detail !== undefined) body.detail = options.detail;
  if (options.errors !== undefined) body.errors = options.errors;
  return {
    status,
    body,
    contentType: "application/problem+json",
    ...(options.headers ? { headers: options.headers } : {}),
  };
}

/** 400 with one entry per invalid field, as every service's validation answers. */
export function invalidRequest(errors: FieldError[]): Reply {
  return problem(400, "Invalid request", { detail: "See errors for each field", errors });
}
