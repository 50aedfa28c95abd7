/**
 * The development corpus in ../shared/corpus (real page texts with hand labels, see its README): read
 * from where it lives, never copied into the project. Absent on a machine without it: the benchmark
 * says so and stops.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldDate { label: string; iso: string; text: string; cycle?: string }
export interface CorpusPage {
  key: string;
  file: string;
  url: string;
  agency: 'JST' | 'AMED' | 'JSPS';
  lang: 'en' | 'ja';
  text: string;
  labels: {
    deadlines: GoldDate[];
    open_dates: GoldDate[];
    agencies: string[];
    amounts_jpy: Array<{ label: string; jpy: number; text: string }>;
    eligibility: string[];
    emails: string[];
    last_updated: string | null;
  };
}
export interface CorpusListing {
  key: string;
  url: string;
  agency: CorpusPage['agency'];
  lang: CorpusPage['lang'];
  text: string;
  entries: Array<{ title: string; date: string | null; dateText: string | null; kind: string }>;
}

/** "amed-03-en-lithuania-sicorp-preannounce.json" -> "amed-03", the key the scorer's --only takes. */
const keyOf = (file: string): string => file.replace(/-(en|ja)-.*$/, '');

function readJsonDir<T>(dir: string): Array<T & { key: string; file: string }> {
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort()
    .map((file) => ({ key: keyOf(file), file, ...(JSON.parse(readFileSync(join(dir, file), 'utf8')) as T) }));
}

export function corpusAvailable(dir: string): boolean {
  return existsSync(join(dir, 'pages'));
}

export function readPages(dir: string, only: string[] = []): CorpusPage[] {
  return readJsonDir<Omit<CorpusPage, 'key' | 'file'>>(join(dir, 'pages')).filter((p) => !only.length || only.includes(p.key));
}

export function readListings(dir: string): CorpusListing[] {
  const listings = join(dir, 'listings');
  return existsSync(listings) ? readJsonDir<Omit<CorpusListing, 'key'>>(listings) : [];
}
