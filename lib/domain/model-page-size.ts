// The models page's page sizes, apart from model-list.ts (and its zod schema) so that the browser's
// filter form can use them without shipping zod in the page's JavaScript.
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;
