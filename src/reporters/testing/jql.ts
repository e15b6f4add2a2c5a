/**
 * The slice of JQL the fake Jira understands: clauses on a few fields joined by AND, OR, NOT and
 * parentheses, and ORDER BY. Anything else is a syntax error, as strict as Jira about it.
 */
export interface JqlIssueView {
  key: string;
  project: string;
  labels: readonly string[];
  status: string;
  statusCategory: { key: string; name: string };
  issuetype: string;
  created: number;
  updated: number;
}

export class JqlError extends Error {
  override name = "JqlError";
}

type Token = { kind: "word" | "string" | "symbol"; text: string };
type Expression =
  | { kind: "and" | "or"; left: Expression; right: Expression }
  | { kind: "not"; operand: Expression }
  | { kind: "clause"; field: string; operator: "=" | "!=" | "in" | "not in"; values: string[] };

export interface JqlQuery {
  /** Undefined: the query has no restriction (Jira refuses those on /search/jql). */
  where: ((issue: JqlIssueView) => boolean) | undefined;
  compare: (a: JqlIssueView, b: JqlIssueView) => number;
}

const fields = new Set([
  "project",
  "labels",
  "statuscategory",
  "status",
  "issuetype",
  "type",
  "key",
]);
const sortable: Record<string, (issue: JqlIssueView) => number | string> = {
  created: (issue) => issue.created,
  updated: (issue) => issue.updated,
  key: (issue) => Number(issue.key.split("-")[1] ?? 0),
};

export function parseJql(jql: string): JqlQuery {
  const tokens = tokenize(jql);
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const isWord = (token: Token | undefined, word: string) =>
    token?.kind === "word" && token.text.toLowerCase() === word;
  const expect = (text: string): void => {
    const token = tokens[position++];
    if (token?.text.toLowerCase() !== text) {
      throw new JqlError(
        `Error in the JQL Query: Expecting '${text}' but got '${token?.text ?? "end of query"}'.`,
      );
    }
  };

  const value = (): string => {
    const token = tokens[position++];
    if (!token || token.kind === "symbol") {
      throw new JqlError(
        `Error in the JQL Query: Expecting a value but got '${token?.text ?? "end of query"}'.`,
      );
    }
    return token.text;
  };

  const clause = (): Expression => {
    const fieldToken = tokens[position++];
    if (!fieldToken || fieldToken.kind === "symbol") {
      throw new JqlError(
        `Error in the JQL Query: Expecting a field name but got '${fieldToken?.text ?? "end of query"}'.`,
      );
    }
    const field = fieldToken.text.toLowerCase();
    if (!fields.has(field)) {
      throw new JqlError(
        `Field '${fieldToken.text}' does not exist or you do not have permission to view it.`,
      );
    }
    let operator: "=" | "!=" | "in" | "not in";
    const next = tokens[position++];
    if (next?.text === "=" || next?.text === "!=") operator = next.text;
    else if (isWord(next, "in")) operator = "in";
    else if (isWord(next, "not") && isWord(peek(), "in")) {
      position += 1;
      operator = "not in";
    } else {
      throw new JqlError(
        `Error in the JQL Query: Expecting an operator after '${fieldToken.text}'.`,
      );
    }
    if (operator === "=" || operator === "!=")
      return { kind: "clause", field, operator, values: [value()] };
    expect("(");
    const values = [value()];
    while (peek()?.text === ",") {
      position += 1;
      values.push(value());
    }
    expect(")");
    return { kind: "clause", field, operator, values };
  };

  const unary = (): Expression => {
    if (isWord(peek(), "not")) {
      position += 1;
      return { kind: "not", operand: unary() };
    }
    if (peek()?.text === "(") {
      position += 1;
      const inner = or();
      expect(")");
      return inner;
    }
    return clause();
  };
  const and = (): Expression => {
    let left = unary();
    while (isWord(peek(), "and")) {
      position += 1;
      left = { kind: "and", left, right: unary() };
    }
    return left;
  };
  const or = (): Expression => {
    let left = and();
    while (isWord(peek(), "or")) {
      position += 1;
      left = { kind: "or", left, right: and() };
    }
    return left;
  };

  let where: Expression | undefined;
  if (position < tokens.length && !isWord(peek(), "order")) where = or();
  const order: { key: (issue: JqlIssueView) => number | string; descending: boolean }[] = [];
  if (isWord(peek(), "order")) {
    position += 1;
    expect("by");
    do {
      if (peek()?.text === ",") position += 1;
      const name = value().toLowerCase();
      const key = sortable[name];
      if (!key) throw new JqlError(`Field '${name}' cannot be used in ORDER BY here.`);
      let descending = false;
      if (isWord(peek(), "asc") || isWord(peek(), "desc"))
        descending = value().toLowerCase() === "desc";
      order.push({ key, descending });
    } while (peek()?.text === ",");
  }
  if (position < tokens.length) {
    throw new JqlError(`Error in the JQL Query: unexpected '${tokens[position]?.text}'.`);
  }
  return {
    where: where ? (issue) => evaluate(where, issue) : undefined,
    compare: (a, b) => {
      for (const { key, descending } of order) {
        const left = key(a);
        const right = key(b);
        if (left !== right) return (left < right ? -1 : 1) * (descending ? -1 : 1);
      }
      return 0;
    },
  };
}

function evaluate(expression: Expression, issue: JqlIssueView): boolean {
  switch (expression.kind) {
    case "and":
      return evaluate(expression.left, issue) && evaluate(expression.right, issue);
    case "or":
      return evaluate(expression.left, issue) || evaluate(expression.right, issue);
    case "not":
      return !evaluate(expression.operand, issue);
    case "clause": {
      const matches = expression.values.some((value) =>
        fieldMatches(expression.field, value, issue),
      );
      return expression.operator === "=" || expression.operator === "in" ? matches : !matches;
    }
  }
}

function fieldMatches(field: string, value: string, issue: JqlIssueView): boolean {
  const wanted = value.toLowerCase();
  switch (field) {
    case "project":
      return issue.project.toLowerCase() === wanted;
    case "labels":
      // Labels are case-sensitive in Jira.
      return issue.labels.includes(value);
    case "statuscategory":
      return (
        issue.statusCategory.key === wanted || issue.statusCategory.name.toLowerCase() === wanted
      );
    case "status":
      return issue.status.toLowerCase() === wanted;
    case "issuetype":
    case "type":
      return issue.issuetype.toLowerCase() === wanted;
    default:
      return issue.key.toLowerCase() === wanted;
  }
}

function tokenize(jql: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < jql.length) {
    const char = jql.charAt(index);
    if (/\s/.test(char)) {
      index += 1;
    } else if (char === '"' || char === "'") {
      let text = "";
      index += 1;
      while (index < jql.length && jql.charAt(index) !== char) {
        if (jql.charAt(index) === "\\") index += 1;
        text += jql.charAt(index);
        index += 1;
      }
      if (index >= jql.length) throw new JqlError("Error in the JQL Query: unterminated string.");
      index += 1;
      tokens.push({ kind: "string", text });
    } else if (jql.startsWith("!=", index)) {
      tokens.push({ kind: "symbol", text: "!=" });
      index += 2;
    } else if ("(),=".includes(char)) {
      tokens.push({ kind: "symbol", text: char });
      index += 1;
    } else {
      const match = /^[\w.@-]+/.exec(jql.slice(index));
      if (!match)
        throw new JqlError(
          `Error in the JQL Query: the character '${char}' is a reserved JQL character.`,
        );
      tokens.push({ kind: "word", text: match[0] });
      index += match[0].length;
    }
  }
  return tokens;
}
