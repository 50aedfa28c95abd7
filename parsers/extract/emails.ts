/** E-mail addresses, de-obfuscated: "AT", “AT”, ”AT”, (at), [at], "*" for "@", full-width ＠. */
import type { Contact } from '#parsers/schema.ts';

const AT = /\s*(?:["“”'‘’]\s*AT\s*["“”'‘’]|\(\s*at\s*\)|\[\s*at\s*\]|＠|@)\s*/gi;
const STAR = /([A-Za-z0-9._%+-]+)\*([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:jp|org|com|net|gov|edu|uk|de|fr|ch|se|au|ca|int|eu))\b/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

/** "MAILinvitation@jsps.go.jp": a label glued to the address in capitals, where a table lost its cell border. */
const GLUED_LABEL = /^(?:E-?MAIL|MAIL|EMAIL|ADDRESS|CONTACT)(?=[a-z0-9])/;

export function deobfuscate(text: string): string {
  return text.replace(AT, '@').replace(STAR, '$1@$2');
}

/**
 * Addresses in one block. The role is what the page says the address is for: a bracket right after it
 * ("aspire@jst.go.jp (ASPIRE for Top Scientists)"), else the heading it stands under.
 */
export function extractEmails(raw: string, role?: string): Contact[] {
  const text = deobfuscate(raw);
  const out = new Map<string, Contact>();
  for (const m of text.matchAll(EMAIL)) {
    const email = m[0].replace(/\.$/, '').replace(GLUED_LABEL, '').toLowerCase();
    const bracket = /^\s*[(（]([^()（）@]{3,60})[)）]/.exec(text.slice(m.index + m[0].length))?.[1]?.trim();
    const own = bracket && !/replace|置き換え|に変え/i.test(bracket) ? bracket : role;
    if (!out.has(email)) out.set(email, { email, ...(own ? { role: own } : {}), evidence: raw.trim() });
  }
  return [...out.values()];
}
