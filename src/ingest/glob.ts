/**
 * Case-insensitive globs for mapping rules and price patterns: `*` matches any run of characters,
 * `?` exactly one; everything else is literal. Compiled once per pattern and cached.
 */
const compiled = new Map<string, RegExp>();

export function globRegExp(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) {
    const body = pattern
      .split("")
      .map((ch) => (ch === "*" ? ".*" : ch === "?" ? "." : ch.replace(/[.+^${}()|[\]\\]/g, "\\$&")))
      .join("");
    re = new RegExp(`^${body}$`, "is");
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

export function globMatches(pattern: string, value: string): boolean {
  return globRegExp(pattern).test(value);
}

export function isGlob(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** How specific a pattern is: its literal characters. "gpt-4o-mini*" beats "gpt-4o*" beats "*". */
export function globSpecificity(pattern: string): number {
  return pattern.replace(/[*?]/g, "").length;
}
