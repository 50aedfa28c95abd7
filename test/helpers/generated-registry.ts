/**
 * A registry of `count` valid sources over many hosts and programmes: the scale the benchmarks claim, for the tests
 * that must show such a registry deploys (template limits, cdk-nag).
 */
import { AGENCIES } from '#parsers/schema.ts';

export function generatedRegistry(count: number): string {
  const sources = Array.from({ length: count }, (_, i) => {
    const agency = AGENCIES[i % AGENCIES.length]!;
    const host = `calls-${i % 240}.${agency.toLowerCase()}.example.jp`;
    return { id: `source-${String(i).padStart(4, '0')}`, agency, lang: i % 2 ? 'ja' : 'en', kind: i % 7 ? 'html' : 'pdf',
      url: `https://${host}/programmes/${i % 700}/call-${i}.${i % 7 ? 'html' : 'pdf'}`, program: `${agency.toLowerCase()}-international-programme-${i % 700}` };
  });
  return JSON.stringify({ sources });
}
