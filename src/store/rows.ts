// Small, shared conversions between database rows and contract values.

/** Parses a JSON list column; a corrupt value reads as empty rather than crashing a page. */
export function jsonList<T = string>(text: string | null): T[] {
  if (!text) return [];
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? (value as T[]) : [];
  } catch {
    return [];
  }
}

export function bool(n: number | null | undefined): boolean {
  return Number(n) === 1;
}

export function flag(b: boolean): number {
  return b ? 1 : 0;
}
