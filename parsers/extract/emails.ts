/** E-mail addresses, de-obfuscated: "AT", “AT”, ”AT”, (at), [at], "*" for "@", full-width ＠. */
import type { Contact } from '#parsers/schema.ts';

const AT = /\s*(?:["“”'‘’]\s*AT\s*["“”'‘’]|\(\s*at\s*\)|\[\s*at\s*\]|＠|@)\s*/gi;
const STAR = /([A-Za-z0-9._%+-]+)\*([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.(?:jp|org|com|net|gov|edu|uk|de|fr|ch|se|au|ca|int|eu))\b/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export function deobfuscate(text: string): string {
  return text.replace(AT, '@').replace(STAR, '$1@$2');
}

export function extractEmails(raw: string, role?: string): Contact[] {
  const emails = deobfuscate(raw).match(EMAIL) ?? [];
  return [...new Set(emails.map((e) => e.replace(/\.$/, '').toLowerCase()))].map((email) => ({ email, ...(role ? { role } : {}), evidence: raw.trim() }));
}
