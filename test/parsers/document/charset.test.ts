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
