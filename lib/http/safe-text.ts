// PostgreSQL refuses a NUL byte in text, and a lone UTF-16 surrogate is not text at all (it cannot
// be encoded as UTF-8): either would fail deep in a write. Inputs are checked where they arrive.

// A NUL, a high surrogate not followed by a low one, or a low surrogate not preceded by a high one.
const UNSAFE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function isSafeText(text: string): boolean {
  return !UNSAFE.test(text);
}

/** The path of the first string (or object key) in a JSON value that is not safe text, or null. */
export function firstUnsafeText(value: unknown, path = "input"): string | null {
  if (typeof value === "string") return isSafeText(value) ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = firstUnsafeText(item, `${path}.${index}`);
      if (found) return found;
    }
    return null;
  }
  if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (!isSafeText(key)) return path;
      const found = firstUnsafeText(item, path === "input" ? key : `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

export const UNSAFE_TEXT_MESSAGE = "contains a NUL character or a broken Unicode character (an unpaired surrogate); remove it and try again";
