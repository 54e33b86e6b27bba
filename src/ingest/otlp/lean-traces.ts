import protobuf from "protobufjs";
import { EVALUATION_KEYS, SPAN_KEYS } from "./genai-spans.js";
import { DIGESTED_ATTRIBUTES, type AttributeValue, type OtlpObject } from "./values.js";

/*
 * A single-pass decoder for ExportTraceServiceRequest protobuf bodies, on protobufjs's wire
 * Reader. Traces are the high-volume signal: a batch of a thousand spans carries some twenty
 * thousand attributes of which Parley reads a handful. Decoding every KeyValue and AnyValue into a
 * message object (what a generated decoder does) costs more than everything else the receiver
 * does, so this walks the wire format and materialises only resource attributes, gen_ai.* and
 * error.type span attributes Parley reads (recognised by their bytes, so other keys are never even
 * decoded), evaluation events, times and the status code. The result has the
 * same shape as the protobufjs and OTLP/JSON decodings, so one summariser reads all three.
 * Field numbers are the OTLP specification's (opentelemetry/proto/trace/v1/trace.proto).
 */

const { Reader } = protobuf;
type WireReader = protobuf.Reader;

const LEN = 2;
const EVALUATION_EVENT = "gen_ai.evaluation.result";
const TWO_32 = 4_294_967_296;

function fixed64(r: WireReader): number {
  const low = r.fixed32();
  const high = r.fixed32();
  return high * TWO_32 + low;
}

type KeyMatch = (r: WireReader, length: number) => string | null;

/** Recognises wanted keys by their bytes, so unwanted keys are never decoded to strings. */
function keyMatcher(keys: ReadonlySet<string>): KeyMatch {
  // Candidates by byte length in a plain array: one index and usually one failed byte per key.
  const byLength: Array<Array<[Buffer, string]>> = [];
  for (const key of keys) {
    const bytes = Buffer.from(key);
    (byLength[bytes.length] ??= []).push([bytes, key]);
  }
  return (r, length) => {
    const candidates = byLength[length];
    if (candidates === undefined) return null;
    const buf = r.buf;
    const at = r.pos;
    for (let c = 0; c < candidates.length; c++) {
      const [bytes, key] = candidates[c]!;
      let i = 0;
      while (i < length && buf[at + i] === bytes[i]) i++;
      if (i === length) return key;
    }
    return null;
  };
}

const spanKey = keyMatcher(SPAN_KEYS);
const evaluationKey = keyMatcher(EVALUATION_KEYS);

/** The scalar in an AnyValue; arrays, maps and bytes read as null. */
function scalar(r: WireReader, end: number): AttributeValue | null {
  let value: AttributeValue | null = null;
  while (r.pos < end) {
    const tag = r.uint32();
    switch (tag >>> 3) {
      case 1:
        value = r.string();
        break;
      case 2:
        value = r.bool();
        break;
      case 3:
        value = (r.int64() as unknown as { toNumber(): number }).toNumber();
        break;
      case 4:
        value = r.double();
        break;
      default:
        r.skipType(tag & 7);
    }
  }
  return value;
}

/** A KeyValue into `into` when `match` knows its key; skipped otherwise. */
function digestKeyValue(
  r: WireReader,
  end: number,
  match: KeyMatch | null,
  into: Record<string, AttributeValue>,
): void {
  let key: string | null = null;
  let value: AttributeValue | null = null;
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === LEN) {
      const length = r.uint32();
      key = match ? match(r, length) : (r.buf as Buffer).toString("utf8", r.pos, r.pos + length);
      if (key === null) {
        r.pos = end;
        return;
      }
      r.skip(length);
    } else if (field === 2 && (tag & 7) === LEN) {
      const length = r.uint32();
      value = scalar(r, r.pos + length);
    } else r.skipType(tag & 7);
  }
  if (key !== null && value !== null) into[key] = value;
}

function event(r: WireReader, end: number): OtlpObject | null {
  const attributes: Record<string, AttributeValue> = {};
  const out: OtlpObject = { [DIGESTED_ATTRIBUTES]: attributes };
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if (field === 1 && (tag & 7) === 1) out.timeUnixNano = fixed64(r);
    else if (field === 2 && (tag & 7) === LEN) {
      out.name = r.string();
      if (out.name !== EVALUATION_EVENT) {
        r.pos = end;
        return null;
      }
    } else if (field === 3 && (tag & 7) === LEN) {
      const length = r.uint32();
      digestKeyValue(r, r.pos + length, evaluationKey, attributes);
    } else r.skipType(tag & 7);
  }
  return out.name === EVALUATION_EVENT ? out : null;
}

function span(r: WireReader, end: number): OtlpObject {
  const attributes: Record<string, AttributeValue> = {};
  const out: OtlpObject = { [DIGESTED_ATTRIBUTES]: attributes };
  while (r.pos < end) {
    const tag = r.uint32();
    const wire = tag & 7;
    switch (tag >>> 3) {
      case 7:
        if (wire === 1) out.startTimeUnixNano = fixed64(r);
        else r.skipType(wire);
        break;
      case 8:
        if (wire === 1) out.endTimeUnixNano = fixed64(r);
        else r.skipType(wire);
        break;
      case 9:
        if (wire === LEN) {
          const length = r.uint32();
          digestKeyValue(r, r.pos + length, spanKey, attributes);
        } else r.skipType(wire);
        break;
      case 11:
        if (wire === LEN) {
          const length = r.uint32();
          const e = event(r, r.pos + length);
          if (e) ((out.events as OtlpObject[] | undefined) ?? (out.events = [])).push(e);
        } else r.skipType(wire);
        break;
      case 15:
        if (wire === LEN) {
          const length = r.uint32();
          const stop = r.pos + length;
          const status: OtlpObject = {};
          while (r.pos < stop) {
            const t = r.uint32();
            if (t >>> 3 === 3 && (t & 7) === 0) status.code = r.int32();
            else r.skipType(t & 7);
          }
          out.status = status;
        } else r.skipType(wire);
        break;
      default:
        r.skipType(wire);
    }
  }
  return out;
}

function repeated(
  r: WireReader,
  end: number,
  field: number,
  read: (r: WireReader, end: number) => OtlpObject | null,
): OtlpObject[] {
  const items: OtlpObject[] = [];
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 === field && (tag & 7) === LEN) {
      const length = r.uint32();
      const item = read(r, r.pos + length);
      if (item) items.push(item);
    } else r.skipType(tag & 7);
  }
  return items;
}

function resource(r: WireReader, end: number): OtlpObject {
  const attributes: Record<string, AttributeValue> = {};
  while (r.pos < end) {
    const tag = r.uint32();
    if (tag >>> 3 === 1 && (tag & 7) === LEN) {
      const length = r.uint32();
      digestKeyValue(r, r.pos + length, null, attributes);
    } else r.skipType(tag & 7);
  }
  return { [DIGESTED_ATTRIBUTES]: attributes };
}

function resourceSpans(r: WireReader, end: number): OtlpObject {
  const out: OtlpObject = { scopeSpans: [] };
  while (r.pos < end) {
    const tag = r.uint32();
    const field = tag >>> 3;
    if ((tag & 7) !== LEN || (field !== 1 && field !== 2)) {
      r.skipType(tag & 7);
      continue;
    }
    const length = r.uint32();
    if (field === 1) out.resource = resource(r, r.pos + length);
    else (out.scopeSpans as OtlpObject[]).push({ spans: repeated(r, r.pos + length, 2, span) });
  }
  return out;
}

/** Decodes the parts of an ExportTraceServiceRequest that Parley reads; throws on broken input. */
export function decodeTracesLean(body: Uint8Array): OtlpObject {
  // A Buffer gives the Reader Node's fast UTF-8 decoding, which keyValue() relies on.
  const r = Reader.create(
    Buffer.isBuffer(body) ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength),
  );
  const request = { resourceSpans: repeated(r, r.len, 1, resourceSpans) };
  if (r.pos !== r.len) throw new Error("trailing bytes after the last field");
  return request;
}
