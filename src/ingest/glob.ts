/**
 * Case-insensitive globs for mapping rules and price patterns: `*` matches any run of characters,
 * `?` exactly one; everything else is literal. Matched with the classic two-pointer algorithm
 * (backtracking only to the last star), so a pattern like "*a*a*a*a*" stays linear-ish on long
 * names instead of the exponential time a regular expression can take.
 */
export function globMatches(pattern: string, value: string): boolean {
  const p = pattern.toLowerCase();
  const v = value.toLowerCase();
  let pi = 0;
  let vi = 0;
  let star = -1;
  let resume = 0;
  while (vi < v.length) {
    const pc = p[pi];
    if (pc === "?" || (pc !== undefined && pc !== "*" && pc === v[vi])) {
      pi += 1;
      vi += 1;
    } else if (pc === "*") {
      star = pi;
      pi += 1;
      resume = vi;
    } else if (star >= 0) {
      pi = star + 1;
      resume += 1;
      vi = resume;
    } else return false;
  }
  while (p[pi] === "*") pi += 1;
  return pi === p.length;
}

export function isGlob(pattern: string): boolean {
  return pattern.includes("*") || pattern.includes("?");
}

/** How specific a pattern is: its literal characters. "gpt-4o-mini*" beats "gpt-4o*" beats "*". */
export function globSpecificity(pattern: string): number {
  return pattern.replace(/[*?]/g, "").length;
}
