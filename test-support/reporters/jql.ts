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
  | { kind: "clause"; field: string; operator: Operator; values: string[] };

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

type Operator = "=" | "!=" | "in" | "not in";
type SortKey = { key: (issue: JqlIssueView) => number | string; descending: boolean };

export function parseJql(jql: string): JqlQuery {
  const { where, order } = new JqlParser(tokenize(jql)).parse();
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

/** Recursive descent: OR of ANDs of NOT, parentheses or clauses, then an optional ORDER BY. */
class JqlParser {
  readonly #tokens: Token[];
  #position = 0;

  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  parse(): { where: Expression | undefined; order: SortKey[] } {
    const where =
      this.#position < this.#tokens.length && !this.#atWord("order") ? this.#or() : undefined;
    const order = this.#atWord("order") ? this.#orderBy() : [];
    if (this.#position < this.#tokens.length) {
      throw new JqlError(`Error in the JQL Query: unexpected '${this.#peek()?.text}'.`);
    }
    return { where, order };
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#position];
  }

  #next(): Token | undefined {
    return this.#tokens[this.#position++];
  }

  #atWord(word: string): boolean {
    return isWord(this.#peek(), word);
  }

  /** Skips the next token when it is the keyword `word`; says whether it did. */
  #skipWord(word: string): boolean {
    const matches = this.#atWord(word);
    if (matches) this.#position += 1;
    return matches;
  }

  /** Skips the next token when its text is `text` (`(`, `,`); says whether it did. */
  #skipText(text: string): boolean {
    const matches = this.#peek()?.text === text;
    if (matches) this.#position += 1;
    return matches;
  }

  #expect(text: string): void {
    const token = this.#next();
    if (token?.text.toLowerCase() !== text) {
      throw new JqlError(
        `Error in the JQL Query: Expecting '${text}' but got '${token?.text ?? "end of query"}'.`,
      );
    }
  }

  #value(): string {
    const token = this.#next();
    if (!token || token.kind === "symbol") {
      throw new JqlError(
        `Error in the JQL Query: Expecting a value but got '${token?.text ?? "end of query"}'.`,
      );
    }
    return token.text;
  }

  #or(): Expression {
    let left = this.#and();
    while (this.#skipWord("or")) left = { kind: "or", left, right: this.#and() };
    return left;
  }

  #and(): Expression {
    let left = this.#unary();
    while (this.#skipWord("and")) left = { kind: "and", left, right: this.#unary() };
    return left;
  }

  #unary(): Expression {
    if (this.#skipWord("not")) return { kind: "not", operand: this.#unary() };
    if (this.#skipText("(")) {
      const inner = this.#or();
      this.#expect(")");
      return inner;
    }
    return this.#clause();
  }

  #clause(): Expression {
    const fieldToken = this.#next();
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
    const operator = this.#operator(fieldToken.text);
    if (operator === "=" || operator === "!=") {
      return { kind: "clause", field, operator, values: [this.#value()] };
    }
    this.#expect("(");
    const values = [this.#value()];
    while (this.#skipText(",")) values.push(this.#value());
    this.#expect(")");
    return { kind: "clause", field, operator, values };
  }

  #operator(field: string): Operator {
    const next = this.#next();
    if (next?.text === "=" || next?.text === "!=") return next.text;
    if (isWord(next, "in")) return "in";
    if (isWord(next, "not") && this.#skipWord("in")) return "not in";
    throw new JqlError(`Error in the JQL Query: Expecting an operator after '${field}'.`);
  }

  #orderBy(): SortKey[] {
    this.#position += 1;
    this.#expect("by");
    const order: SortKey[] = [];
    do {
      this.#skipText(",");
      const name = this.#value().toLowerCase();
      const key = sortable[name];
      if (!key) throw new JqlError(`Field '${name}' cannot be used in ORDER BY here.`);
      const descending =
        this.#atWord("asc") || this.#atWord("desc")
          ? this.#value().toLowerCase() === "desc"
          : false;
      order.push({ key, descending });
    } while (this.#peek()?.text === ",");
    return order;
  }
}

function isWord(token: Token | undefined, word: string): boolean {
  return token?.kind === "word" && token.text.toLowerCase() === word;
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
