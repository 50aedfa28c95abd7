import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '#parsers/document/charset.ts';

const SHIFT_JIS_PAGE = new URL('../../../fixtures/sites/www.amed.go.jp/koubo/20/01/2001B_00101.html/v1.html', import.meta.url);

describe('decodeBody', () => {
  it('reads a Shift_JIS page declared only in its <meta>', async () => {
    const { text, charset } = decodeBody(await readFile(SHIFT_JIS_PAGE));
    expect(charset).toBe('shift_jis');
    expect(text).toContain('e-ASIA共同研究プログラム');
  });

  it('detects EUC-JP from the bytes when nothing declares it', async () => {
    const { text, charset } = decodeBody(await readFile(new URL('../data/euc-jp.html', import.meta.url)));
    expect(charset).toBe('euc-jp');
    expect(text).toContain('研究提案〆切：2025年5月12日（月）正午');
  });

  it('reads ISO-2022-JP by its escape sequences when nothing declares it, though its bytes are also valid UTF-8', () => {
    const text = '<html><body><p>公募締切：2026年6月1日</p></body></html>';
    const bytes = Buffer.from(new TextEncoder().encode(text));
    // Encode with the escape sequences ISO-2022-JP mail and old pages use: ESC $ B into JIS X 0208, ESC ( B back to ASCII.
    const jis = iso2022jp(text);
    expect(jis.every((b) => b < 0x80)).toBe(true);
    expect(decodeBody(jis)).toEqual({ text, charset: 'iso-2022-jp' });
    expect(decodeBody(bytes).charset).toBe('utf-8');
  });

  it('prefers the HTTP charset, understands its aliases, and strips a UTF-8 BOM', () => {
    const sjis = Buffer.from([0x8c, 0xa4, 0x8b, 0x86]);
    expect(decodeBody(sjis, 'x-sjis')).toEqual({ text: '研究', charset: 'shift_jis' });
    expect(decodeBody(Buffer.from('\ufeff締切', 'utf8'))).toEqual({ text: '締切', charset: 'utf-8' });
  });

  it('falls back to the bytes when a declared charset is wrong', () => {
    const utf8 = Buffer.from('<meta charset="iso-2022-jp"><p>締切</p>', 'utf8');
    expect(decodeBody(utf8).text).toContain('締切');
  });
});

/** Text as ISO-2022-JP bytes, through the Shift_JIS code of each character (the two are the same table, JIS X 0208). */
function iso2022jp(text: string): Uint8Array {
  const out: number[] = [];
  let jis = false;
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      if (jis) out.push(0x1b, 0x28, 0x42);
      jis = false;
      out.push(ch.charCodeAt(0));
      continue;
    }
    if (!jis) out.push(0x1b, 0x24, 0x42);
    jis = true;
    const [hi, lo] = SJIS[ch]!;
    // Shift_JIS to JIS X 0208 row and cell.
    const first = hi >= 0xe0 ? hi - 0x40 : hi;
    let row = (first - 0x81) * 2 + 0x21;
    let cell: number;
    if (lo >= 0x9f) {
      row += 1;
      cell = lo - 0x7e;
    } else cell = lo >= 0x80 ? lo - 0x20 : lo - 0x1f;
    out.push(row, cell);
  }
  if (jis) out.push(0x1b, 0x28, 0x42);
  return Uint8Array.from(out);
}

/** The Shift_JIS bytes of the test's Japanese characters (from the Shift_JIS table). */
const SJIS: Record<string, [number, number]> = {
  公: [0x8c, 0xf6], 募: [0x95, 0xe5], 締: [0x92, 0xf7], 切: [0x90, 0xd8], '：': [0x81, 0x46], 年: [0x94, 0x4e], 月: [0x8c, 0x8e], 日: [0x93, 0xfa],
};
