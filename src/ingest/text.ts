// PostgreSQL refuses NUL in text, and lone UTF-16 surrogates do not survive either driver; OTLP
// attributes and CSV cells are free text, so whatever of them Parley stores passes through here.
const UNSTORABLE = /\u0000|\p{Cs}/gu;

/** The text with NUL characters and broken surrogates replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE, "\uFFFD");
}

/** Values beyond this would overflow sums and burn rates (the points API refuses them too). */
export const MAX_MAGNITUDE = 1e15;

export function storableNumber(n: number): boolean {
  return Number.isFinite(n) && Math.abs(n) <= MAX_MAGNITUDE;
}

/**
 * A request body kept as bytes. Wrapped so that generic body inspections (which walk objects and
 * arrays) see no enumerable content instead of a megabyte of numbered bytes.
 */
export class RawBody {
  readonly #bytes: Buffer;
  constructor(bytes: Buffer) {
    this.#bytes = bytes;
  }
  get bytes(): Buffer {
    return this.#bytes;
  }
}
