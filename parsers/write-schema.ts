/** Writes docs/program.schema.json from the one definition in parsers/schema.ts. Run: npm run schema */
import { writeFile } from 'node:fs/promises';
import { parseResultJsonSchema } from './schema.ts';

export const SCHEMA_FILE = new URL('../docs/program.schema.json', import.meta.url);

export function schemaText(): string {
  return `${JSON.stringify({ $id: 'https://github.com/fundwatch/fundwatch/docs/program.schema.json', title: 'fundwatch parse result', ...parseResultJsonSchema() }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) await writeFile(SCHEMA_FILE, schemaText());
