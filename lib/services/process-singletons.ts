// One registry per process for what must exist once: upstream clients, read caches, the database,
// JWKS. Next bundles a module more than once (route handlers, Server Components, instrumentation),
// so module-level state would be copied; a symbol-keyed map on globalThis is shared by every copy.

const REGISTRY = Symbol.for("stagegate.process-singletons");

type Holder = { [REGISTRY]?: Map<string, unknown> };

function registry(): Map<string, unknown> {
  const holder = globalThis as Holder;
  holder[REGISTRY] ??= new Map();
  return holder[REGISTRY];
}

/** The process's one value under this name, created on first use. A create that throws stores nothing. */
export function processSingleton<T>(name: string, create: () => T): T {
  const values = registry();
  if (values.has(name)) return values.get(name) as T;
  const value = create();
  values.set(name, value);
  return value;
}

/** Forgets a value (a failed database open, or a test that needs a fresh one). */
export function forgetProcessSingleton(name: string): void {
  registry().delete(name);
}
