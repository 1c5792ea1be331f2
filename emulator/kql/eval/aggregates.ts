// Aggregation functions of summarize and make-series. Each call compiles into a factory of
// accumulators (one per group). Empty groups give Kusto's defaults: 0 for counts and sums, [] for
// lists, null otherwise.
import type { AggregateCall, Row, Value } from "../ast";
import { unsupported } from "../errors";
import { columnIndex, compileScalar, type CompileContext, type Evaluator } from "./compile-scalar";
import { nearestRankPercentile } from "./percentile";
import { groupKey, orderValues, toDynamicElement, toNumber } from "./values";

export interface Accumulator {
  add(row: Row): void;
  /** One value per output column of the call. */
  result(): Value[];
}

export type AccumulatorFactory = () => Accumulator;

type Builder = (call: AggregateCall, args: Evaluator[], context: CompileContext) => AccumulatorFactory;

const always: Evaluator = () => true;

/** count, countif, sum, sumif, avg, avgif share one shape: a predicate and a running total. */
function totalling(kind: "count" | "sum" | "avg", valueArg: number | undefined, predicateArg: number | undefined): Builder {
  return (_call, args) => {
    const value = valueArg === undefined ? undefined : args[valueArg]!;
    const predicate = predicateArg === undefined ? always : args[predicateArg]!;
    return () => {
      let total = 0;
      let count = 0;
      return {
        add(row) {
          if (predicate(row) !== true) return;
          if (!value) {
            count++;
            return;
          }
          const x = toNumber(value(row));
          if (x === null) return;
          total += x;
          count++;
        },
        result: () => [kind === "count" ? count : kind === "sum" ? total : count === 0 ? null : total / count],
      };
    };
  };
}

function extreme(direction: 1 | -1, hasPredicate: boolean): Builder {
  return (_call, args) => () => {
    let best: Value = null;
    return {
      add(row) {
        if (hasPredicate && args[1]!(row) !== true) return;
        const value = args[0]!(row);
        if (value === null) return;
        const order = best === null ? direction : orderValues(value, best);
        if (order !== null && order * direction > 0) best = value;
      },
      result: () => [best],
    };
  };
}

/** arg_max / arg_min: the extreme of the first argument, with the other columns of the row holding it. */
function argExtreme(direction: 1 | -1): Builder {
  return (call, args, context) => {
    const carried = call.outputs.slice(1).map((output) => columnIndex(context.columns, output.name));
    return () => {
      let best: Value = null;
      let bestRow: Row | undefined;
      return {
        add(row) {
          const value = args[0]!(row);
          if (value === null) return;
          const order = best === null ? direction : orderValues(value, best);
          if (order !== null && order * direction > 0) {
            best = value;
            bestRow = row;
          }
        },
        result: () => [best, ...carried.map((index) => bestRow?.[index] ?? null)],
      };
    };
  };
}

function distinctCount(hasPredicate: boolean): Builder {
  return (_call, args) => () => {
    const seen = new Set<unknown>();
    return {
      add(row) {
        if (hasPredicate && args[1]!(row) !== true) return;
        const value = args[0]!(row);
        if (value !== null) seen.add(groupKey([value]));
      },
      result: () => [seen.size],
    };
  };
}

/** percentile(x, p) and percentiles(x, p1, p2…): nearest rank over the group's values. */
const percentiles: Builder = (call, args) => {
  const percents = args.slice(1).map((percent) => toNumber(percent([])) ?? 50);
  return () => {
    const values: number[] = [];
    return {
      add(row) {
        const x = toNumber(args[0]!(row));
        if (x !== null) values.push(x);
      },
      result() {
        // A typed array sorts numerically, several times faster than Array#sort with a comparator.
        const sorted = Float64Array.from(values).sort();
        return percents.map((percent) => nearestRankPercentile(sorted, percent));
      },
    };
  };
};

function collect(unique: boolean): Builder {
  return (call, args) => () => {
    const items: Value[] = [];
    const seen = new Set<unknown>();
    const type = call.args[0]!.type;
    return {
      add(row) {
        const value = args[0]!(row);
        if (value === null) return;
        if (unique) {
          const key = groupKey([value]);
          if (seen.has(key)) return;
          seen.add(key);
        }
        items.push(toDynamicElement(value, type));
      },
      result: () => [items],
    };
  };
}

const takeAny: Builder = (_call, args) => () => {
  let found: Value = null;
  return {
    add(row) {
      if (found === null) found = args[0]!(row);
    },
    result: () => [found],
  };
};

const AGGREGATES: Record<string, Builder> = {
  count: totalling("count", undefined, undefined),
  countif: totalling("count", undefined, 0),
  sum: totalling("sum", 0, undefined),
  sumif: totalling("sum", 0, 1),
  avg: totalling("avg", 0, undefined),
  avgif: totalling("avg", 0, 1),
  min: extreme(-1, false),
  max: extreme(1, false),
  minif: extreme(-1, true),
  maxif: extreme(1, true),
  arg_max: argExtreme(1),
  arg_min: argExtreme(-1),
  dcount: distinctCount(false),
  dcountif: distinctCount(true),
  percentile: percentiles,
  percentiles,
  make_list: collect(false),
  make_set: collect(true),
  take_any: takeAny,
  any: takeAny,
};

export function isAggregateFunction(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(AGGREGATES, name) || KNOWN_UNSUPPORTED_AGGREGATES.has(name);
}

/** Kusto aggregates the subset leaves out: recognised so the error says "unsupported", not "unknown". */
const KNOWN_UNSUPPORTED_AGGREGATES = new Set(["stdev", "stdevif", "variance", "varianceif", "percentilew", "percentilesw", "tdigest", "hll", "make_bag", "binary_all_or", "count_distinct", "countif_distinct"]);

export function compileAggregate(call: AggregateCall, context: CompileContext): AccumulatorFactory {
  const build = AGGREGATES[call.name];
  if (!build) throw unsupported(`the aggregate ${call.name}()`);
  if (call.name === "count" && call.args.length > 0) throw unsupported("count() with an argument (use countif or count())");
  return build(call, call.args.map((arg) => compileScalar(arg, context)), context);
}
