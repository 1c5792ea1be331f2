// Errors of the KQL engine, by the innererror code the Logs API puts on a 400 BadArgumentError.

export type KqlErrorCode =
  /** The text does not parse as KQL. */
  | "SyntaxError"
  /** Valid KQL the schemas reject (unknown table, column, function) or that the emulator's subset lacks. */
  | "SemanticError";

export class KqlError extends Error {
  constructor(
    readonly code: KqlErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "KqlError";
  }
}

/** Valid KQL outside the subset the emulator evaluates: says what, so nobody gets a silent wrong answer. */
export function unsupported(what: string): KqlError {
  return new KqlError("SemanticError", `Not supported by the Stagegate emulator's KQL subset: ${what}.`);
}

/**
 * The query needs more rows in memory than the emulator allows (or returns more than Log Analytics
 * does): the service answers 200 with a PartialError, as Log Analytics does for runaway queries.
 */
export class QueryLimitError extends Error {
  constructor(
    readonly limitCode: "E_RUNAWAY_QUERY" | "E_QUERY_RESULT_SET_TOO_LARGE",
    message: string,
  ) {
    super(message);
    this.name = "QueryLimitError";
  }
}
