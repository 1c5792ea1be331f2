// MLflow search filters built from user input. MLflow's grammar has no escape for quotes inside a
// string literal (its tokenizer reads \' and '' as part of the string, then keeps them verbatim),
// so a value is quoted with whichever quote it does not contain; a value holding both (or a
// backslash) becomes a LIKE pattern whose `_` stands for each such character, and the caller
// re-checks the rows it gets back (`exact: false`). Pure, so the rules are tested once.

export interface FilterClause {
  /** The clause as MLflow reads it. */
  text: string;
  /** False when the clause may match more than asked for and rows must be re-checked. */
  exact: boolean;
}

// Characters a literal cannot carry safely in either quote style.
const UNQUOTABLE = /[\\]/;
// In LIKE patterns `%` and `_` are wildcards; quotes and backslashes cannot be written at all.
const LIKE_UNSAFE = /['"\\%]/g;

/** The value as a string literal MLflow parses back to exactly the value, or undefined if none does. */
export function quoteLiteral(value: string): string | undefined {
  if (UNQUOTABLE.test(value)) return undefined;
  if (!value.includes("'")) return `'${value}'`;
  if (!value.includes('"')) return `"${value}"`;
  return undefined;
}

/** A LIKE pattern for `value` where each character a literal cannot hold matches any one character. */
function likeBody(value: string): { body: string; replaced: boolean } {
  const body = value.replace(LIKE_UNSAFE, "_");
  return { body, replaced: body !== value };
}

/** `field = 'value'`, or a LIKE that also matches it when the value cannot be quoted. */
export function equalsClause(field: string, value: string): FilterClause {
  const literal = quoteLiteral(value);
  if (literal !== undefined) return { text: `${field} = ${literal}`, exact: true };
  return { text: `${field} LIKE '${likeBody(value).body}'`, exact: false };
}

/**
 * `field LIKE '%value%'` (case-sensitive, as MLflow's LIKE is). `_` in the value is a one-character
 * wildcard that also matches itself, so names like churn_xgb are found; rows may over-match slightly.
 */
export function containsClause(field: string, value: string): FilterClause {
  const { body, replaced } = likeBody(value);
  return { text: `${field} LIKE '%${body}%'`, exact: !replaced && !value.includes("_") };
}

/** MLflow's tag key rule (alphanumerics, _ - . space : /), so a backquoted key always parses. */
export const TAG_KEY_PATTERN = /^[\w\-. :/]{1,250}$/;

/** `tags.`key`` for a key that follows MLflow's rule. */
export function tagField(key: string): string {
  if (!TAG_KEY_PATTERN.test(key)) throw new Error(`"${key}" is not a valid MLflow tag key.`);
  return `tags.\`${key}\``;
}

/** Clauses joined the only way MLflow allows; undefined for none. */
export function joinClauses(clauses: readonly FilterClause[]): FilterClause | undefined {
  if (clauses.length === 0) return undefined;
  return { text: clauses.map((clause) => clause.text).join(" AND "), exact: clauses.every((clause) => clause.exact) };
}
