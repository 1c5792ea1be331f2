// Time functions: ago, now, bin/floor (datetime bins align on 0001-01-01 as Kusto's ticks do),
// startofday/week/month, dayofweek, hourofday.
import { toNumber } from "../values";
import { argument, unary, type FunctionBuilder } from "./function-types";

/** Milliseconds from 0001-01-01 to 1970-01-01: Kusto bins datetimes from the former. */
const KUSTO_EPOCH_OFFSET_MS = 62_135_596_800_000;
const DAY_MS = 86_400_000;

const bin: FunctionBuilder = (args, call) => {
  const value = argument(args, 0, call);
  const size = argument(args, 1, call);
  const offset = value.type === "datetime" ? KUSTO_EPOCH_OFFSET_MS : 0;
  return (row) => {
    const x = toNumber(value.evaluate(row));
    const width = toNumber(size.evaluate(row));
    if (x === null || width === null || width <= 0) return null;
    return Math.floor((x + offset) / width) * width - offset;
  };
};

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** A function of a datetime with an optional whole-unit offset (startofday(dt, -1)). */
function datetimeBoundary(boundary: (ms: number, offset: number) => number): FunctionBuilder {
  return (args, call) => {
    const value = argument(args, 0, call);
    const offset = args[1];
    return (row) => {
      const ms = value.evaluate(row);
      if (typeof ms !== "number") return null;
      return boundary(ms, offset ? (toNumber(offset.evaluate(row)) ?? 0) : 0);
    };
  };
}

export const DATETIME_FUNCTIONS: Record<string, FunctionBuilder> = {
  ago: (args, call) => {
    const span = argument(args, 0, call);
    return (row) => {
      const ms = span.evaluate(row);
      return typeof ms === "number" ? call.nowMs - ms : null;
    };
  },
  now: (args, call) => {
    const offset = args[0];
    return (row) => {
      const ms = offset ? offset.evaluate(row) : 0;
      return typeof ms === "number" ? call.nowMs + ms : null;
    };
  },
  bin,
  floor: bin,
  startofday: datetimeBoundary((ms, offset) => startOfDay(ms) + offset * DAY_MS),
  // Kusto's weeks start on Sunday (getUTCDay() 0).
  startofweek: datetimeBoundary((ms, offset) => startOfDay(ms) - new Date(ms).getUTCDay() * DAY_MS + offset * 7 * DAY_MS),
  startofmonth: datetimeBoundary((ms, offset) => {
    const date = new Date(ms);
    return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + offset, 1);
  }),
  dayofweek: unary((ms) => (typeof ms === "number" ? new Date(ms).getUTCDay() * DAY_MS : null)),
  hourofday: unary((ms) => (typeof ms === "number" ? new Date(ms).getUTCHours() : null)),
};
