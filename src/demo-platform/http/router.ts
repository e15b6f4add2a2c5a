import type { Route } from "./route.ts";

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  segments: string[];
}

/** Matches by path segments; literal segments win over `:param` ones at the same depth. */
export class Router {
  readonly #routes: CompiledRoute[];

  constructor(routes: Route[]) {
    this.#routes = routes
      .map((route) => ({ route, segments: route.path.split("/").filter(Boolean) }))
      .sort((a, b) => specificity(b.segments) - specificity(a.segments));
  }

  /** `undefined`: no such path; `"method-not-allowed"`: the path exists for other methods. */
  match(method: string, pathname: string): RouteMatch | "method-not-allowed" | undefined {
    const parts = pathname.split("/").filter(Boolean).map(safeDecode);
    let pathExists = false;
    for (const { route, segments } of this.#routes) {
      const params = matchSegments(segments, parts);
      if (!params) continue;
      if (route.method === method) return { route, params };
      pathExists = true;
    }
    return pathExists ? "method-not-allowed" : undefined;
  }

  allowedMethods(pathname: string): string[] {
    const parts = pathname.split("/").filter(Boolean).map(safeDecode);
    return this.#routes
      .filter(({ segments }) => matchSegments(segments, parts))
      .map(({ route }) => route.method);
  }
}

function specificity(segments: string[]): number {
  return segments.reduce((score, s) => score * 2 + (s.startsWith(":") ? 0 : 1), segments.length);
}

function matchSegments(segments: string[], parts: string[]): Record<string, string> | undefined {
  if (segments.length !== parts.length) return undefined;
  const params: Record<string, string> = {};
  for (const [index, segment] of segments.entries()) {
    const part = parts[index] ?? "";
    if (segment.startsWith(":")) params[segment.slice(1)] = part;
    else if (segment !== part) return undefined;
  }
  return params;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
