/**
 * The eligibility classifier, specified by its labelled cases (eligibility-cases.json: one statement a
 * line, in English and Japanese, with the forms it must read and the traps it must leave) and by how it
 * cuts a block into whole statements.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  classifyStatement, continuesSentence, explainEligibility, extractEligibility, introducesEligibility, isLeadLine, reflow, type EligibilityContext,
} from '#parsers/extract/eligibility.ts';
import type { Block } from '#parsers/document/blocks.ts';

interface Case { eligible: boolean; form: string; text: string; context?: EligibilityContext }
const { cases } = JSON.parse(readFileSync(new URL('./eligibility-cases.json', import.meta.url), 'utf8')) as { cases: Case[] };

describe('the eligibility classifier, on its labelled cases', () => {
  it.each(cases.map((c) => [c.eligible ? 'says who may apply' : 'says nothing of who may apply', c.form, c] as const))('%s: %s', (_, __, c) => {
    const verdicts = explainEligibility(c.text, c.context);

    const taken = verdicts.some((v) => v.eligible);

    // The rules fired and the score are in the message, so that a failure says which weight to look at.
    expect(taken, JSON.stringify(verdicts.map((v) => ({ score: v.score, fired: v.fired })))).toBe(c.eligible);
  });

  it('has a hundred or more cases, in both languages, on both sides', () => {
    const japanese = cases.filter((c) => /[\u3040-\u30ff\u3400-\u9fff]/.test(c.text));

    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(japanese.filter((c) => c.eligible).length).toBeGreaterThanOrEqual(20);
    expect(japanese.filter((c) => !c.eligible).length).toBeGreaterThanOrEqual(20);
  });
});

describe('classifyStatement', () => {
  it('takes a who-noun phrase only where a heading, label or list says it is eligibility', () => {
    const phrase = 'Researchers at universities and companies';

    expect(classifyStatement(phrase).eligible).toBe(false);
    expect(classifyStatement(phrase, { heading: 'Eligibility' }).eligible).toBe(true);
    expect(classifyStatement(phrase, { label: 'Who can apply' }).eligible).toBe(true);
  });

  it('lets the nearest context decide: a sub-heading on invitees overrides the eligibility heading above it', () => {
    const item = 'University students and postdoctoral researchers under 40 years old';

    expect(classifyStatement(item, { heading: 'Eligibility criteria' }).eligible).toBe(true);
    expect(classifyStatement(item, { heading: 'Eligibility criteria', lead: 'Requirements for invitees' }).eligible).toBe(false);
  });

  it('names the rules a statement fired', () => {
    expect(classifyStatement('Researchers of any nationality are eligible to apply.').fired).toEqual(expect.arrayContaining(['who', 'eligible', 'states-eligible']));
  });
});

describe('extractEligibility', () => {
  it('keeps the one sentence of a paragraph that says who may apply, whole, in the page\'s words', () => {
    const paragraph = 'Funding lasts three years. Researchers at universities in Japan were invited to submit proposals. Results follow in March.';

    expect(extractEligibility(paragraph)).toEqual([{ text: 'Researchers at universities in Japan were invited to submit proposals.', evidence: 'Researchers at universities in Japan were invited to submit proposals.' }]);
  });

  it('drops the list marker from the text and keeps it in the evidence', () => {
    expect(extractEligibility('• Applicants must hold a doctoral degree.', {}, 'Type A')).toEqual([
      { text: 'Applicants must hold a doctoral degree.', track: 'Type A', evidence: '• Applicants must hold a doctoral degree.' }]);
  });

  it('reads each cell of a row of cells as its own statement', () => {
    const row = '大学を代表機関とし、2機関以上の連名による申請 | 企業を代表機関とし、3機関以上の連名による申請';

    expect(extractEligibility(row, { label: '提案機関の要件' }).map((e) => e.text)).toEqual([
      '大学を代表機関とし、2機関以上の連名による申請', '企業を代表機関とし、3機関以上の連名による申請']);
  });

  it('reads "Label: value" under its label', () => {
    expect(extractEligibility('Who can apply: Full-time researchers at universities in Japan').map((e) => e.text)).toEqual(['Full-time researchers at universities in Japan']);
  });
});

describe('introducesEligibility', () => {
  it.each([
    'To be eligible, the lead researcher must meet all of the following requirements:',
    '相手側の研究代表者は、下記のいずれかを満たしている必要があります。',
    '採用年度の4月1日現在、次のいずれかに該当する者',
    '応募資格は以下のとおりです。',
    'The eligibility requirements are as follows:',
  ])('a list introduction that puts its items under eligibility: %s', (intro) => {
    expect(introducesEligibility(intro)).toBe(true);
  });

  it.each([
    'The following evaluation criteria were applied to each proposal:',
    '申請の単位は、以下のいずれかの条件を満たすものとします。',
    'More details about applicant eligibility are available in the documents below:',
    'Eligible research fields are as follows:',
  ])('one that does not: %s', (intro) => {
    expect(introducesEligibility(intro)).toBe(false);
  });
});

describe('isLeadLine', () => {
  it.each(['3. 応募資格', '■Applicant Eligibility', 'Eligibility of Applicant', '(1) 申請機関', '申請方法について'])('a heading-like line: %s', (line) => {
    expect(isLeadLine(line)).toBe(true);
  });

  it.each(['Applicants must hold a PhD.', '(外国人も含む)', '※Course D: India only', 'Closing date: 22 February', '日本国内の大学や研究機関、企業などで研究に従事している研究者であることが必要です', '博士課程に在籍していること', '重複応募はできません'])('not one: %s', (line) => {
    expect(isLeadLine(line)).toBe(false);
  });
});

describe('a sentence broken over two paragraphs', () => {
  const paragraph = (text: string): Block => ({ type: 'paragraph', text, loc: '' });

  it('goes on in lower case after an English line with no full stop, and after a Japanese comma or particle', () => {
    expect(continuesSentence('Applicants must hold a doctoral', 'degree from a recognised university.')).toBe(true);
    expect(continuesSentence('申請者は、日本国内の研究機関に', '所属する研究者であること。')).toBe(true);
  });

  it('does not go on after a full stop, into a capital, or into a heading-like line', () => {
    expect(continuesSentence('Applicants must hold a PhD.', 'and the rest')).toBe(false);
    expect(continuesSentence('Research Field', 'Hydrogen technologies')).toBe(false);
    expect(continuesSentence('公募の概要と', '応募資格')).toBe(false);
  });

  it('is read whole at its first paragraph, and not again at the second', () => {
    const flow = reflow([paragraph('Applicants must hold a doctoral'), paragraph('degree from a recognised university.'), paragraph('Next sentence.')]);

    expect(flow).toEqual(['Applicants must hold a doctoral degree from a recognised university.', '', undefined]);
  });
});
