// zod pieces for the list pages' URL input. Forgiving by design: a value too long is cut, an
// unknown page size falls back to the default, so an edited URL never fails the page.
import { z } from "zod";
import { DEFAULT_PAGE_SIZE, PAGE_SIZES } from "./list-urls";
import { TRAIL_LIMIT } from "./page-trail";

export const clippedText = (maxLength: number) =>
  z
    .string()
    .optional()
    .transform((text) => text?.trim().slice(0, maxLength) || undefined);

export const pageSizeSchema = z
  .number()
  .optional()
  .transform((size) => (size !== undefined && (PAGE_SIZES as readonly number[]).includes(size) ? size : DEFAULT_PAGE_SIZE));

export const pageTokenSchema = z
  .string()
  .optional()
  .transform((token) => (token && token.length <= 4000 ? token : undefined));

export const trailSchema = z
  .array(z.string())
  .optional()
  .transform((trail) => (trail ?? []).filter((token) => token.length > 0 && token.length <= 4000).slice(-TRAIL_LIMIT));
