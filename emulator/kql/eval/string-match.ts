// Kusto's string operators. `has` matches whole terms (runs of letters and digits), the others
// substrings; all are case-insensitive except the _cs forms.
import type { StringOperator } from "../ast";

const TERM_CHARACTER = /[\p{L}\p{N}]/u;

function isTermCharacter(character: string | undefined): boolean {
  return character !== undefined && TERM_CHARACTER.test(character);
}

/** The needle occurs with a term boundary on both sides. */
function hasTerm(haystack: string, needle: string): boolean {
  if (needle === "") return true;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) {
    const startsTerm = !isTermCharacter(needle[0]) || !isTermCharacter(haystack[at - 1]);
    const endsTerm = !isTermCharacter(needle.at(-1)) || !isTermCharacter(haystack[at + needle.length]);
    if (startsTerm && endsTerm) return true;
  }
  return false;
}

const regexCache = new Map<string, RegExp>();

function regexFor(pattern: string): RegExp {
  let regex = regexCache.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern);
    if (regexCache.size > 100) regexCache.clear();
    regexCache.set(pattern, regex);
  }
  return regex;
}

type Matcher = (haystack: string, needle: string) => boolean;

const caseInsensitive =
  (match: Matcher): Matcher =>
  (haystack, needle) =>
    match(haystack.toLowerCase(), needle.toLowerCase());

const MATCHERS: Record<StringOperator, Matcher> = {
  has_cs: hasTerm,
  contains_cs: (haystack, needle) => haystack.includes(needle),
  startswith_cs: (haystack, needle) => haystack.startsWith(needle),
  endswith_cs: (haystack, needle) => haystack.endsWith(needle),
  has: caseInsensitive(hasTerm),
  contains: caseInsensitive((haystack, needle) => haystack.includes(needle)),
  startswith: caseInsensitive((haystack, needle) => haystack.startsWith(needle)),
  endswith: caseInsensitive((haystack, needle) => haystack.endsWith(needle)),
  "matches regex": (haystack, pattern) => regexFor(pattern).test(haystack),
};

export function stringMatcher(op: StringOperator): Matcher {
  return MATCHERS[op];
}
