/**
 * Bytes to text: BOM, then the HTTP charset, then the page's own <meta> or XML declaration, then the
 * bytes themselves (ISO-2022-JP by its escape sequences, valid UTF-8, else detection among the Japanese encodings
 * that still occur).
 */
import chardet from 'chardet';

const ALIASES: Record<string, string> = {
  'shift-jis': 'shift_jis', shift_jis: 'shift_jis', sjis: 'shift_jis', 'x-sjis': 'shift_jis', ms932: 'shift_jis',
  'windows-31j': 'shift_jis', cp932: 'shift_jis', 'euc-jp': 'euc-jp', eucjp: 'euc-jp', 'x-euc-jp': 'euc-jp',
  'iso-2022-jp': 'iso-2022-jp', 'utf-8': 'utf-8', utf8: 'utf-8', 'iso-8859-1': 'windows-1252', 'windows-1252': 'windows-1252', 'us-ascii': 'utf-8',
};

export function normalizeLabel(label: string | undefined): string | undefined {
  return label ? ALIASES[label.trim().toLowerCase().replace(/["']/g, '')] : undefined;
}

function declared(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1');
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w-]+)/i.exec(head) ?? /<\?xml[^>]+encoding\s*=\s*["']([\w-]+)/i.exec(head);
  return meta?.[1];
}

function tryDecode(bytes: Uint8Array, charset: string): string | undefined {
  try {
    const text = new TextDecoder(charset, { fatal: false }).decode(bytes);
    const bad = (text.match(/\uFFFD/g) ?? []).length;
    return bad > Math.max(2, text.length / 1000) ? undefined : text;
  } catch {
    return undefined;
  }
}

export interface Decoded {
  text: string;
  charset: string;
}

export function decodeBody(bytes: Uint8Array, headerCharset?: string): Decoded {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), charset: 'utf-8' };
  for (const label of [headerCharset, declared(bytes)]) {
    const charset = normalizeLabel(label);
    const text = charset && tryDecode(bytes, charset);
    if (charset && text !== undefined) return { text, charset };
  }
  // ISO-2022-JP is 7-bit, so its bytes also pass as UTF-8 (as mojibake: "$B8xJg(B"): its escape into a Japanese set
  // (ESC $ B, ESC $ @, ESC $ ( D) in bytes that are all ASCII says which it is.
  if (isIso2022jp(bytes)) {
    const text = tryDecode(bytes, 'iso-2022-jp');
    if (text !== undefined) return { text, charset: 'iso-2022-jp' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), charset: 'utf-8' };
  } catch {
    // Not UTF-8: let the bytes say which Japanese encoding they are.
  }
  const guess = normalizeLabel(chardet.detect(bytes) ?? undefined) ?? 'shift_jis';
  return { text: tryDecode(bytes, guess) ?? new TextDecoder('utf-8').decode(bytes), charset: guess };
}

function isIso2022jp(bytes: Uint8Array): boolean {
  let escape = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b >= 0x80) return false;
    if (b === 0x1b && bytes[i + 1] === 0x24 && (bytes[i + 2] === 0x42 || bytes[i + 2] === 0x40 || (bytes[i + 2] === 0x28 && bytes[i + 3] === 0x44))) escape = true;
  }
  return escape;
}
