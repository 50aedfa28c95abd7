/**
 * A revised call document goes the whole way: the fixture server serves version 1 and then version 2 of
 * the two recorded PDFs (the ASPIRE briefing slides and the overseas reference document), the cycle
 * fetches, parses and diffs them and stores the changes, and notify e-mails them to the SES emulator,
 * quoting the document's own lines. The quoted lines are lines of fixtures/pdf-src/<source>.v<N>.txt,
 * the text each PDF was made from, so the e-mail carries what the document says, not what a page says.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleReport } from '#core/monitoring/cycle.ts';
import type { Store } from '#core/ports/store.ts';
import { notifyPending } from '#core/notification/notify.ts';
import type { EmulatedEmail } from '#io/local/ses-emulator.ts';
import { loadRegistry, type Source } from '#parsers/sources.ts';
import { expectedAtStep2, startWorld, type World } from '../helpers/cycle-world.ts';

const BRIEFING = 'jst-aspire-fy2025-briefing-ja';
const REFERENCE = 'overseas-reference-2025-en';

const pdfText = (id: string, version: string): Promise<string> =>
  readFile(new URL(`../../fixtures/pdf-src/${id}.${version}.txt`, import.meta.url), 'utf8');

describe('a revised call document (PDF), from the fixture server to the inbox', () => {
  let world: World;
  let store: Store;
  let documents: Source[];
  let step2: CycleReport;
  let inbox: EmulatedEmail[];
  const textTo = (address: string): string => inbox.filter((e) => e.destination.to.includes(address)).map((e) => e.body.text ?? '').join('\n');

  beforeAll(async () => {
    world = await startWorld();
    store = await world.table('pdf');
    documents = (await loadRegistry()).filter((s) => s.kind === 'pdf');
    await world.cycle(store, documents, () => new Date());
    world.server.setStep(2);
    step2 = await world.cycle(store, documents, () => new Date());
    await notifyPending({ store, mailer: world.mailer(), clock: () => new Date() });
    inbox = await world.inbox('pdf');
  });
  afterAll(async () => {
    await world?.close();
  });

  it('finds in each revised document the change categories the fixture manifest promises, and stores them', async () => {
    const expected = await expectedAtStep2();

    for (const id of [BRIEFING, REFERENCE]) {
      const result = step2.results.find((r) => r.sourceId === id)!;
      expect([id, result.outcome, [...new Set(result.changes.map((c) => c.category))].sort()]).toEqual([id, 'changed', [...expected.get(id)!].sort()]);
      expect((await store.listChanges(id)).length, id).toBe(result.changes.length);
      expect((await store.getLatestSnapshot(id))?.version, id).toBe(2);
    }
  });

  it('e-mails the moved proposal deadline of the ASPIRE briefing with the slide\'s line before and after', async () => {
    const text = textTo('all+pdf@example.org');

    expect(text).toContain('https://www.jst.go.jp/aspire/download/2025_aspire_koubo_setsumei.pdf');
    expect(text).toContain('moved from 2025-05-12 12:00 JST to 2025-05-19 12:00 JST');
    expect(text).toContain('Before: "研究提案〆切：2025年5月12日（月）正午"');
    expect(text).toContain('Now: "研究提案〆切：2025年5月19日（月）正午"');
    expect(await pdfText(BRIEFING, 'v1')).toContain('研究提案〆切：2025年5月12日（月）正午');
    expect(await pdfText(BRIEFING, 'v2')).toContain('研究提案〆切：2025年5月19日（月）正午');
  });

  it('e-mails the e-ASIA deadline moved in the reference document with its line before and after', async () => {
    const text = textTo('all+pdf@example.org');

    expect(text).toContain('https://www.jst.go.jp/inter/english/reference_information_overseas_2025.pdf');
    expect(text).toContain('Before: "Deadline: End of March 2025"');
    expect(text).toContain('Now: "Deadline: End of April 2025"');
    expect(await pdfText(REFERENCE, 'v1')).toContain('\nDeadline: End of March 2025\n');
    expect(await pdfText(REFERENCE, 'v2')).toContain('\nDeadline: End of April 2025\n');
  });

  it('e-mails the partner agency added to the e-ASIA member organizations, quoting the document\'s list line', async () => {
    const text = textTo('all+pdf@example.org');
    const line = 'Cambodia: Ministry of Industry, Science, Technology & Innovation (MISTI)';

    expect(text).toMatch(/Partner agency added: Ministry of Industry, Science, Technology & Innovation \(KH\)/);
    expect(text).toMatch(new RegExp(`Now: "[^"\\n]*${line.replace(/[()&]/g, '\\$&')}"`));
    expect(await pdfText(REFERENCE, 'v1')).not.toContain(line);
    expect(await pdfText(REFERENCE, 'v2')).toContain(line);
  });

  it('e-mails the Japanese subscriber of JST the briefing\'s change with the same quoted lines, and not AMED\'s programme in JST\'s document', () => {
    const text = textTo('jst+pdf@example.jp');

    expect(text).toContain('変更前: "研究提案〆切：2025年5月12日（月）正午"');
    expect(text).toContain('変更後: "研究提案〆切：2025年5月19日（月）正午"');
    expect(text).not.toContain('Deadline: End of April 2025');
  });

  it('files the e-ASIA changes of JST\'s reference document under AMED, whose programme it is, and e-mails AMED\'s subscriber', async () => {
    const changes = await store.listChanges(REFERENCE);
    const text = textTo('amed+pdf@example.org');

    expect(new Set(changes.filter((c) => c.change.programId === 'amed-e-asia').map((c) => c.agency))).toEqual(new Set(['AMED']));
    expect(text).toContain('Now: "Deadline: End of April 2025"');
    expect(text).toContain('Cambodia: Ministry of Industry, Science, Technology & Innovation (MISTI)');
  });
});
