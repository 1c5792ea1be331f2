// MLflow's search grammar, parsed into clauses: comparisons joined by AND only (no OR, no
// parentheses), identifiers like `metrics.auc`, `tags."mlflow.parentRunId"`, params.`my key` or
// bare `name`, values as 'strings', "strings", numbers or ('a', 'b') lists. Which identifiers and
// comparators an API accepts is decided by its search schema (search-schema.ts).
import { invalidParameter } from "./errors";

export type Comparator = "=" | "!=" | ">" | ">=" | "<" | "<=" | "LIKE" | "ILIKE" | "IN" | "NOT IN";

export type Literal = { kind: "string"; value: string } | { kind: "number"; value: number } | { kind: "list"; values: string[] };

export interface Identifier {
  /** The part before the first dot (`metrics`, `tags`, `attributes`…); undefined for a bare key. */
  readonly prefix?: string;
  readonly key: string;
}

export interface Clause {
  readonly identifier: Identifier;
  readonly comparator: Comparator;
  readonly value: Literal;
  /** The clause as written, for error messages. */
  readonly text: string;
}

export interface OrderClause {
  readonly identifier: Identifier;
  readonly ascending: boolean;
}

class Scanner {
  position = 0;

  constructor(readonly text: string) {}

  skipSpace(): void {
    while (this.position < this.text.length && /\s/.test(this.text[this.position]!)) this.position += 1;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.position >= this.text.length;
  }

  /** Consumes `pattern` (a sticky regex) at the current position; returns its groups, or undefined. */
  take(pattern: RegExp): RegExpExecArray | undefined {
    pattern.lastIndex = this.position;
    const found = pattern.exec(this.text);
    if (!found) return undefined;
    this.position = pattern.lastIndex;
    return found;
  }

  rest(): string {
    return this.text.slice(this.position);
  }
}

const BARE_SEGMENT = /[A-Za-z_][A-Za-z0-9_]*|\d[A-Za-z0-9_]*/y;
const QUOTED_SEGMENT = /"([^"]*)"|`([^`]*)`/y;
const DOT = /\./y;
const SYMBOL_COMPARATOR = /(>=|<=|!=|<>|=|>|<)/y;
const WORD_COMPARATOR = /(NOT\s+IN|ILIKE|LIKE|IN)(?![A-Za-z0-9_])/iy;
const STRING_VALUE = /'([^']*)'|"([^"]*)"/y;
const NUMBER_VALUE = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?(?![A-Za-z0-9_.])/y;
const LIST_OPEN = /\(\s*/y;
const LIST_SEPARATOR = /\s*,\s*/y;
const LIST_CLOSE = /\s*\)/y;
const AND = /AND(?![A-Za-z0-9_])/iy;
const DIRECTION = /(ASC|DESC)(?![A-Za-z0-9_])/iy;

function readSegment(scanner: Scanner): string | undefined {
  const quoted = scanner.take(QUOTED_SEGMENT);
  if (quoted) return quoted[1] ?? quoted[2] ?? "";
  return scanner.take(BARE_SEGMENT)?.[0];
}

function readIdentifier(scanner: Scanner, context: string): Identifier {
  scanner.skipSpace();
  const segments: string[] = [];
  const first = readSegment(scanner);
  if (first === undefined) throw invalidParameter(`Invalid clause(s) in filter string: '${context}'. Expected an identifier such as 'metrics.auc' at '${scanner.rest()}'.`);
  segments.push(first);
  while (scanner.take(DOT)) {
    const next = readSegment(scanner);
    if (next === undefined) throw invalidParameter(`Invalid identifier in '${context}': nothing follows the dot.`);
    segments.push(next);
  }
  if (segments.length === 1) return { key: segments[0]! };
  return { prefix: segments[0]!, key: segments.slice(1).join(".") };
}

function readComparator(scanner: Scanner, context: string): Comparator {
  scanner.skipSpace();
  const symbol = scanner.take(SYMBOL_COMPARATOR)?.[1];
  if (symbol === "<>") throw invalidParameter(`Invalid comparator '<>' in '${context}'. Use '!='.`);
  if (symbol) return symbol as Comparator;
  const word = scanner.take(WORD_COMPARATOR)?.[1];
  if (word) return word.toUpperCase().replace(/\s+/, " ") as Comparator;
  throw invalidParameter(`Invalid clause(s) in filter string: '${context}'. Expected a comparison operator at '${scanner.rest()}'.`);
}

function readList(scanner: Scanner, context: string): string[] {
  const values: string[] = [];
  if (scanner.take(LIST_CLOSE)) throw invalidParameter("While parsing a list in the query, expected a non-empty list of string values, but got empty list");
  do {
    const item = scanner.take(STRING_VALUE);
    if (!item) throw invalidParameter(`While parsing a list in the query, expected string value, punctuation, or whitespace, but got different type in list: ${context}`);
    values.push(item[1] ?? item[2] ?? "");
  } while (scanner.take(LIST_SEPARATOR));
  if (!scanner.take(LIST_CLOSE)) throw invalidParameter(`While parsing a list in the query, expected a non-empty list of string values, but got ill-formed list: ${context}`);
  return values;
}

function readValue(scanner: Scanner, context: string): Literal {
  scanner.skipSpace();
  const text = scanner.take(STRING_VALUE);
  if (text) return { kind: "string", value: text[1] ?? text[2] ?? "" };
  const number = scanner.take(NUMBER_VALUE);
  if (number) return { kind: "number", value: Number(number[0]) };
  if (scanner.take(LIST_OPEN)) return { kind: "list", values: readList(scanner, context) };
  throw invalidParameter(`Invalid clause(s) in filter string: '${context}'. Expected a quoted string, a number or a list at '${scanner.rest()}'.`);
}

/** Clauses of a filter string; an empty or missing filter has none. */
export function parseFilter(filter: string | undefined): Clause[] {
  if (filter === undefined) return [];
  const scanner = new Scanner(filter);
  const clauses: Clause[] = [];
  while (!scanner.atEnd()) {
    if (clauses.length > 0 && !scanner.take(AND)) throw invalidParameter(`Invalid clause(s) in filter string: '${scanner.rest()}'. Clauses are joined with AND only.`);
    scanner.skipSpace();
    const start = scanner.position;
    const identifier = readIdentifier(scanner, filter);
    const comparator = readComparator(scanner, filter);
    const value = readValue(scanner, filter);
    clauses.push({ identifier, comparator, value, text: filter.slice(start, scanner.position) });
  }
  return clauses;
}

/** One order_by entry: `<identifier> [ASC|DESC]`, ascending by default. */
export function parseOrderBy(text: string): OrderClause {
  const scanner = new Scanner(text);
  const identifier = readIdentifier(scanner, text);
  scanner.skipSpace();
  const direction = scanner.take(DIRECTION)?.[1]?.toUpperCase();
  if (!scanner.atEnd()) throw invalidParameter(`Invalid order_by clause '${text}'. Could not be parsed.`);
  return { identifier, ascending: direction !== "DESC" };
}
