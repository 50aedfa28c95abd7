/**
 * Golden records: every recorded page parses to its reviewed expected record (fixtures/golden), compared
 * field by field so that a failure names the programme, the call and the field. After a deliberate
 * parser change: `npm run golden`, then review `git diff fixtures/golden` line by line before committing.
 * Each record also validates against the published JSON Schema (docs/program.schema.json), with a
 * validator that knows nothing of the zod definition it came from.
 */
import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parsePage } from '#parsers/parse-page.ts';
import type { ParseResult } from '#parsers/schema.ts';
import { goldenFile, recordedPages, type RecordedPage } from '../../fixtures/scripts/recorded-pages.ts';

const pages = await recordedPages();
const CALL_FIELDS = ['title', 'track', 'status', 'deadlines', 'agencies', 'eligibility', 'funding', 'periods', 'countries', 'fields', 'contacts'] as const;

let validate: (value: unknown) => boolean;
beforeAll(async () => {
  const schema = JSON.parse(await readFile(new URL('../../docs/program.schema.json', import.meta.url), 'utf8'));
  validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
});

describe.each(pages.map((p) => [`${p.source.id} ${p.version}`, p] as const))('%s', (_, page: RecordedPage) => {
  it('matches its reviewed expected record, field by field', async () => {
    const actual = await parsePage({ source: page.source, body: page.body });
    const expected = JSON.parse(await readFile(goldenFile(page), 'utf8')) as ParseResult;

    expect(actual.source).toEqual(expected.source);
    expect(actual.programs.map((p) => p.id), 'programmes').toEqual(expected.programs.map((p) => p.id));
    for (const [i, program] of expected.programs.entries()) {
      const got = actual.programs[i]!;
      expect(got.name, `${program.id} name`).toEqual(program.name);
      expect(got.calls.map((c) => c.id), `${program.id} calls`).toEqual(program.calls.map((c) => c.id));
      for (const [j, call] of program.calls.entries()) {
        for (const field of CALL_FIELDS) expect(got.calls[j]![field], `${program.id} / ${call.id} / ${field}`).toEqual(call[field]);
      }
    }
    expect(actual).toEqual(expected);
  });

  it('validates against the published JSON Schema', async () => {
    const actual = await parsePage({ source: page.source, body: page.body });
    expect(validate(actual)).toBe(true);
  });
});

it('the published JSON Schema refuses a record that breaks the contract', () => {
  const broken = { source: { url: 'u', agency: 'JST', lang: 'en', contentHash: 'h' }, programs: [{ id: 'x', agency: 'JST', name: {}, url: 'u', calls: [{ id: 'c', title: 't', status: 'open',
    deadlines: [{ kind: 'deadline', label: '', date: '12 May', time: null, timezone: 'Asia/Tokyo', iso: null, evidence: '' }],
    agencies: [], eligibility: [], funding: [], periods: [], countries: [], fields: [], contacts: [] }] }] };
  expect(validate(broken)).toBe(false);
});
