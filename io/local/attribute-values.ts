/**
 * Items to and from DynamoDB's attribute values as dynalite keeps them (the wire's JSON: numbers as
 * strings, binary as base64), for calling the engine in this process without the SDK. The same mapping
 * as the SDK's document client with `removeUndefinedValues` (undefined members left out, numbers as
 * JavaScript numbers, binary as bytes), for the plain JSON-like items this project stores.
 */
export type AttributeValue = Record<string, unknown>;

export function toAttribute(value: unknown): AttributeValue {
  if (value === null) return { NULL: true };
  if (typeof value === 'string') return { S: value };
  if (typeof value === 'boolean') return { BOOL: value };
  if (typeof value === 'number') return { N: numberText(value) };
  if (value instanceof Uint8Array) return { B: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (Array.isArray(value)) return { L: value.filter((v) => v !== undefined).map(toAttribute) };
  if (value instanceof Set) return setAttribute(value);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) return { M: toAttributes(value as Record<string, unknown>) };
  throw new Error(`cannot store a ${typeof value === 'object' ? (value as object).constructor?.name : typeof value} in the local table`);
}

/** An item's members, undefined ones left out. */
export function toAttributes(item: Record<string, unknown>): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [name, value] of Object.entries(item)) if (value !== undefined) out[name] = toAttribute(value);
  return out;
}

export function fromAttribute(attr: AttributeValue): unknown {
  if ('S' in attr) return attr.S;
  if ('N' in attr) return numberFrom(attr.N as string);
  if ('BOOL' in attr) return attr.BOOL;
  if ('NULL' in attr) return null;
  if ('B' in attr) return Buffer.from(attr.B as string, 'base64');
  if ('M' in attr) return fromAttributes(attr.M as Record<string, AttributeValue>);
  if ('L' in attr) return (attr.L as AttributeValue[]).map(fromAttribute);
  if ('SS' in attr) return new Set(attr.SS as string[]);
  if ('NS' in attr) return new Set((attr.NS as string[]).map(numberFrom));
  if ('BS' in attr) return new Set((attr.BS as string[]).map((b) => Buffer.from(b, 'base64')));
  throw new Error(`unknown attribute value ${JSON.stringify(attr).slice(0, 80)} in the local table`);
}

export function fromAttributes(item: Record<string, AttributeValue>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, attr] of Object.entries(item)) out[name] = fromAttribute(attr);
  return out;
}

function setAttribute(set: Set<unknown>): AttributeValue {
  const members = [...set];
  if (members.every((m) => typeof m === 'string')) return { SS: members };
  if (members.every((m) => typeof m === 'number')) return { NS: members.map((m) => numberText(m as number)) };
  if (members.every((m) => m instanceof Uint8Array)) return { BS: members.map((m) => Buffer.from(m as Uint8Array).toString('base64')) };
  throw new Error('cannot store a set of mixed or unsupported members in the local table');
}

/** As the SDK: a number that would lose precision is refused rather than stored wrong. */
function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`cannot store the number ${n} in the local table`);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new Error(`the number ${n} is beyond Number.MAX_SAFE_INTEGER`);
  return String(n);
}

function numberFrom(text: string): number {
  const n = Number(text);
  if (Number.isInteger(n) && !Number.isSafeInteger(n)) throw new Error(`the stored number ${text} is beyond Number.MAX_SAFE_INTEGER`);
  return n;
}
