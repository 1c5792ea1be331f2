import { z } from "zod";

/** What every write takes so a retried submit does not act twice. */
export const idempotencyKeySchema = z.string().trim().regex(/^[\w-]{8,128}$/, "must be 8-128 letters, digits, - or _ (a fresh UUID per action)");
