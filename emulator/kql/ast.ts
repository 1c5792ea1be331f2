// The evaluator's own tree for the KQL subset, built from Kusto's syntax tree by parser/. Every
// expression carries the type the Kusto analyzer gave it, every tabular node the columns it yields.
import type { KustoType } from "../../lib/telemetry/contract";

export interface ColumnSchema {
  name: string;
  type: KustoType;
}

/**
 * Runtime values: datetime is epoch milliseconds and timespan milliseconds (the expression's type
 * says which); dynamic is plain JSON; a string is never null in Kusto, so it is "" when empty.
 */
export type Value = null | boolean | number | string | object;
export type Row = Value[];

export type ComparisonOperator = "==" | "!=" | "=~" | "!~" | "<" | "<=" | ">" | ">=";
export type ArithmeticOperator = "+" | "-" | "*" | "/" | "%";
export type StringOperator =
  | "has" | "has_cs" | "contains" | "contains_cs" | "startswith" | "startswith_cs" | "endswith" | "endswith_cs" | "matches regex";

export type ScalarExpr =
  | { kind: "literal"; type: KustoType; value: Value }
  | { kind: "column"; type: KustoType; name: string }
  /** A scalar `let`. */
  | { kind: "variable"; type: KustoType; name: string }
  | { kind: "logical"; type: KustoType; op: "and" | "or"; left: ScalarExpr; right: ScalarExpr }
  | { kind: "compare"; type: KustoType; op: ComparisonOperator; left: ScalarExpr; right: ScalarExpr }
  | { kind: "arithmetic"; type: KustoType; op: ArithmeticOperator; left: ScalarExpr; right: ScalarExpr }
  | { kind: "string-match"; type: KustoType; op: StringOperator; negated: boolean; left: ScalarExpr; right: ScalarExpr }
  | { kind: "negate"; type: KustoType; operand: ScalarExpr }
  | { kind: "in"; type: KustoType; negated: boolean; caseSensitive: boolean; operand: ScalarExpr; items: ScalarExpr[] }
  | { kind: "between"; type: KustoType; negated: boolean; operand: ScalarExpr; low: ScalarExpr; high: ScalarExpr }
  | { kind: "call"; type: KustoType; name: string; args: ScalarExpr[] }
  /** Dynamic member or element access: Properties.model_name, Properties["model_name"], list[0]. */
  | { kind: "member"; type: KustoType; target: ScalarExpr; key: ScalarExpr }
  /** toscalar(<tabular>): first column of the first row, computed once per query. */
  | { kind: "toscalar"; type: KustoType; query: TabularExpr }
  /** Inside a summarize output expression: the value of aggregate number `slot` for the group. */
  | { kind: "aggregate-result"; type: KustoType; slot: number };

/** An aggregation in summarize or make-series, with the column(s) it yields (percentiles yields several). */
export interface AggregateCall {
  name: string;
  args: ScalarExpr[];
  type: KustoType;
  outputs: ColumnSchema[];
}

/** A summarize result: one aggregate's own column(s), or an expression over aggregates (100.0 * countif(x) / count()). */
export type SummarizeOutput = { kind: "aggregate"; slot: number } | { kind: "expression"; expr: ScalarExpr; column: ColumnSchema };

export interface NamedExpr {
  name: string;
  expr: ScalarExpr;
}

export interface SortKey {
  expr: ScalarExpr;
  descending: boolean;
  nullsFirst: boolean;
}

export type JoinKind = "inner" | "innerunique" | "leftouter";

export type QueryOperator =
  | { kind: "where"; predicate: ScalarExpr }
  | { kind: "extend"; assignments: NamedExpr[] }
  | { kind: "project"; columns: NamedExpr[] }
  | { kind: "project-away"; names: string[] }
  | { kind: "summarize"; aggregates: AggregateCall[]; outputs: SummarizeOutput[]; by: NamedExpr[] }
  | { kind: "project-rename"; renames: { name: string; from: string }[] }
  | { kind: "sort"; keys: SortKey[] }
  | { kind: "top"; count: ScalarExpr; key: SortKey }
  | { kind: "take"; count: ScalarExpr }
  | { kind: "count" }
  | { kind: "distinct"; columns: NamedExpr[] }
  | { kind: "join"; joinKind: JoinKind; right: TabularExpr; leftKey: string; rightKey: string }
  | {
      kind: "make-series";
      aggregates: { call: AggregateCall; defaultValue: ScalarExpr | undefined }[];
      axis: ScalarExpr;
      from: ScalarExpr;
      to: ScalarExpr;
      step: ScalarExpr;
      by: NamedExpr[];
    };

export type TabularExpr =
  | { kind: "table"; name: string; columns: ColumnSchema[] }
  /** A tabular `let`. */
  | { kind: "tabular-variable"; name: string; columns: ColumnSchema[] }
  | { kind: "pipe"; input: TabularExpr; operator: QueryOperator; columns: ColumnSchema[] };

export type LetBinding = { kind: "scalar"; name: string; expr: ScalarExpr } | { kind: "tabular"; name: string; expr: TabularExpr };

export interface Query {
  lets: LetBinding[];
  body: TabularExpr;
}
