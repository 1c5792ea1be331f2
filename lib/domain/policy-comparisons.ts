// A policy rule's comparisons, apart from promotion-policy.ts (and its zod schemas) so that the
// browser's policy editor can list them without shipping zod in the page's JavaScript.
export const COMPARISONS = [">=", ">", "<=", "<"] as const;
export type Comparison = (typeof COMPARISONS)[number];
