/**
 * The programmes as a JSON document (feeds/programmes.json): every programme fundwatch watches and every
 * call it found, with its agency and names, as docs/schemas/programmes.v1.json describes. Offices read it
 * as a machine-readable list; the subscription pages in AWS read it back (readProgrammesJson) to name
 * the programmes on their forms, since their role may read no snapshot.
 *
 * Written like deadlines.json and changes.json (json-feeds.ts): objects from literals in a fixed order,
 * the list sorted here, no clock read, so the same data gives the same bytes.
 */
import { AGENCIES, type Agency } from '#parsers/schema.ts';
import type { ProgrammeChoice } from '../../subscriptions/programme-choices.ts';
import type { LocalizedName } from '../views.ts';
import { JSON_FEED_VERSION, type JsonFeedOptions, renderJson } from './json-feeds.ts';

/**
 * feeds/programmes.json: each programme once, by id.
 *
 * @example
 * JSON.parse(programmesJson([{ id: 'jst-crest', agency: 'JST', names: { en: 'CREST' } }], { self, schema, generatedAt })).programmes
 *   // [{ id: 'jst-crest', agency: 'JST', names: { en: 'CREST', ja: null } }]
 */
export function programmesJson(choices: readonly ProgrammeChoice[], options: JsonFeedOptions): string {
  const byId = new Map(choices.map((c) => [c.id, c]));
  const programmes = [...byId.values()].sort((a, b) => compare(a.id, b.id))
    .map((c) => ({ id: c.id, agency: c.agency, names: { en: c.names.en ?? null, ja: c.names.ja ?? null } }));
  return renderJson({ version: JSON_FEED_VERSION, schema: options.schema, self: options.self, generatedAt: options.generatedAt, programmes });
}

export class ProgrammesJsonError extends Error {
  override name = 'ProgrammesJsonError';
}

/**
 * The choices a programmes.json gives, checked just enough to render a form from them (the full schema is
 * for consumers; a Lambda need not bundle a validator). A name that is missing or null is left out, as
 * ProgrammeChoice has it. Throws ProgrammesJsonError, saying what is wrong, for anything else.
 *
 * @example readProgrammesJson(body) // [{ id: 'jst-crest', agency: 'JST', names: { en: 'CREST' } }]
 */
export function readProgrammesJson(text: string): ProgrammeChoice[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch (err) {
    throw new ProgrammesJsonError(`feeds/programmes.json is not JSON (${(err as Error).message}): publish again to rewrite it`);
  }
  const { version, programmes } = (document ?? {}) as { version?: unknown; programmes?: unknown };
  if (version !== JSON_FEED_VERSION || !Array.isArray(programmes)) {
    throw new ProgrammesJsonError(`feeds/programmes.json is not a version ${JSON_FEED_VERSION} programme list (version ${JSON.stringify(version)}): publish again with this release`);
  }
  return programmes.map((entry: unknown, i) => choiceOf(entry, i));
}

function choiceOf(entry: unknown, index: number): ProgrammeChoice {
  const { id, agency, names } = (entry ?? {}) as { id?: unknown; agency?: unknown; names?: { en?: unknown; ja?: unknown } };
  if (typeof id !== 'string' || id === '' || !AGENCIES.includes(agency as Agency)) {
    throw new ProgrammesJsonError(`feeds/programmes.json: programme ${index} has no id or no known agency (${AGENCIES.join(', ')}): publish again to rewrite it`);
  }
  const named: LocalizedName = {};
  if (typeof names?.en === 'string') named.en = names.en;
  if (typeof names?.ja === 'string') named.ja = names.ja;
  return { id, agency: agency as Agency, names: named };
}

/** Code-unit order, not the locale's: the same on every machine. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
