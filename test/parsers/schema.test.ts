import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SchemaViolation, validateParseResult } from '#parsers/schema.ts';
import { SCHEMA_FILE, schemaText } from '#parsers/write-schema.ts';

describe('the programme schema', () => {
  it('is published as docs/program.schema.json, generated from the definition in code (run `npm run schema` after a change)', async () => {
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(schemaText());
  });

  it('rejects a record that breaks the contract, naming the field', () => {
    const bad = { source: { url: 'u', agency: 'JST', lang: 'en', contentHash: 'h' }, programs: [{ id: 'p', agency: 'NSF', name: {}, url: 'u', calls: [] }] };
    expect(() => validateParseResult(bad)).toThrow(SchemaViolation);
    expect(() => validateParseResult(bad)).toThrow(/programs\.0\.agency/);
  });
});
