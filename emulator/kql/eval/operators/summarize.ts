// summarize: groups rows by the `by` values (first-seen order) and aggregates each group; without
// `by`, an empty input still yields one row of defaults, as in Kusto.
import type { QueryOperator, Row, Value } from "../../ast";
import { compileAggregate, type Accumulator } from "../aggregates";
import { compileScalar } from "../compile-scalar";
import { GroupIndex } from "../group-index";
import { BufferBudget, compileContextFor, type OperatorContext, type RowStream } from "../stream";

type Summarize = Extract<QueryOperator, { kind: "summarize" }>;

interface Group {
  keys: Value[];
  accumulators: Accumulator[];
}

export function* summarize(input: RowStream, operator: Summarize, context: OperatorContext): Iterable<Row> {
  const rowContext = compileContextFor(context, input.columns);
  const keyEvaluators = operator.by.map(({ expr }) => compileScalar(expr, rowContext));
  const factories = operator.aggregates.map((call) => compileAggregate(call, rowContext));
  // Output expressions read the aggregates' values (aggregate-result), not input columns.
  const slotContext = compileContextFor(context, []);
  const outputs = operator.outputs.map((output) =>
    output.kind === "aggregate" ? { kind: output.kind, slot: output.slot } : { kind: output.kind, evaluate: compileScalar(output.expr, slotContext) },
  );
  const groups = new GroupIndex<Group>();
  const budget = new BufferBudget("summarize");
  const newGroup = (keys: Value[]): Group => ({ keys, accumulators: factories.map((create) => create()) });

  if (keyEvaluators.length === 0) {
    // One group, whatever the input: no key to compute per row.
    const group = groups.get([], () => newGroup([]));
    for (const row of input.rows) for (const accumulator of group.accumulators) accumulator.add(row);
  } else {
    for (const row of input.rows) {
      const keys = keyEvaluators.map((evaluate) => evaluate(row));
      const group = groups.get(keys, () => {
        budget.take();
        return newGroup(keys);
      });
      for (const accumulator of group.accumulators) accumulator.add(row);
    }
  }

  for (const group of groups.entries) {
    const results = group.accumulators.map((accumulator) => accumulator.result());
    const slotRow = results.map((values) => values[0] ?? null);
    const values = outputs.flatMap((output) => (output.kind === "aggregate" ? results[output.slot]! : [output.evaluate(slotRow)]));
    yield [...group.keys, ...values];
  }
}
