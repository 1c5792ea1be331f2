// make-series … on Axis from A to B step S [by …]: one row per group holding an array per
// aggregate (absent bins take the default, 0 unless given) and the array of bin starts.
import type { QueryOperator, Row, Value } from "../../ast";
import { unsupported } from "../../errors";
import { compileAggregate, type Accumulator } from "../aggregates";
import { compileScalar } from "../compile-scalar";
import { GroupIndex } from "../group-index";
import { BufferBudget, compileContextFor, type OperatorContext, type RowStream } from "../stream";
import { toDynamicElement, toNumber } from "../values";

type MakeSeries = Extract<QueryOperator, { kind: "make-series" }>;

const MAX_BINS = 10_000;

export function* makeSeries(input: RowStream, operator: MakeSeries, context: OperatorContext): Iterable<Row> {
  const rowContext = compileContextFor(context, input.columns);
  const constant = (expr: MakeSeries["from"]) => toNumber(compileScalar(expr, compileContextFor(context, []))([]));
  const from = constant(operator.from);
  const to = constant(operator.to);
  const step = constant(operator.step);
  if (from === null || to === null || step === null || step <= 0) throw unsupported("make-series without a constant from, to and positive step");
  const binCount = Math.max(0, Math.ceil((to - from) / step));
  if (binCount > MAX_BINS) throw unsupported(`make-series with ${binCount} bins (at most ${MAX_BINS})`);
  for (const { call } of operator.aggregates) {
    if (call.outputs.length !== 1) throw unsupported(`${call.name}() in make-series`);
  }

  const axis = compileScalar(operator.axis, rowContext);
  const keyEvaluators = operator.by.map(({ expr }) => compileScalar(expr, rowContext));
  const factories = operator.aggregates.map(({ call }) => compileAggregate(call, rowContext));
  const defaults = operator.aggregates.map(({ defaultValue }) => (defaultValue ? compileScalar(defaultValue, compileContextFor(context, []))([]) : 0));
  const groups = new GroupIndex<{ keys: Value[]; bins: Map<number, Accumulator[]> }>();
  const budget = new BufferBudget("make-series");

  for (const row of input.rows) {
    const position = toNumber(axis(row));
    if (position === null || position < from || position >= to) continue;
    const keys = keyEvaluators.map((evaluate) => evaluate(row));
    const group = groups.get(keys, () => ({ keys, bins: new Map() }));
    const bin = Math.floor((position - from) / step);
    let accumulators = group.bins.get(bin);
    if (!accumulators) {
      budget.take();
      accumulators = factories.map((create) => create());
      group.bins.set(bin, accumulators);
    }
    for (const accumulator of accumulators) accumulator.add(row);
  }

  const axisType = operator.axis.type;
  const binStarts = Array.from({ length: binCount }, (_, bin) => toDynamicElement(from + bin * step, axisType));
  for (const group of groups.entries) {
    const series = operator.aggregates.map(({ call }, index) =>
      binStarts.map((_, bin) => {
        const accumulators = group.bins.get(bin);
        return accumulators ? toDynamicElement(accumulators[index]!.result()[0] ?? null, call.type) : defaults[index]!;
      }),
    );
    yield [...group.keys, ...series, binStarts];
  }
}
