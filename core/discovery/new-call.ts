/**
 * The change a found call announces: "new call", once, when its page is first read. It quotes the
 * page's own deadline when the page states one, and the listing's words otherwise.
 */
import type { ParseResult } from '#parsers/schema.ts';
import type { Source } from '#parsers/sources.ts';
import type { Change } from '../domain/changes.ts';
import { show } from '../changes/summaries.ts';

export function newCallChange(source: Source, record: ParseResult): Change {
  const found = source.discovered!;
  const program = record.programs.find((p) => p.id === source.program) ?? record.programs[0];
  const call = program?.calls.find((c) => c.status === 'open') ?? program?.calls.find((c) => c.status !== 'closed') ?? program?.calls[0];
  const deadline = call?.deadlines.find((d) => d.kind === 'submission') ?? call?.deadlines.find((d) => d.kind === 'preregistration');
  const moment = deadline ? { kind: deadline.kind, date: deadline.date, time: deadline.time, iso: deadline.iso } : null;
  const due = moment ? show(moment) : '';
  return {
    programId: program?.id ?? source.program ?? source.id,
    callId: call?.id ?? null,
    category: 'new-call',
    kind: 'added',
    severity: 'high',
    before: null,
    after: { title: found.title, url: source.url, ...(moment ? { deadline: moment } : {}), ...(found.postedAt ? { postedAt: found.postedAt } : {}) },
    summary: {
      en: `New call: ${found.title}${due ? ` (deadline ${due})` : ''}`,
      ja: `新しい公募: ${found.title}${due ? `（締切 ${due}）` : ''}`,
    },
    evidence: { after: deadline?.evidence ?? found.title },
  };
}
