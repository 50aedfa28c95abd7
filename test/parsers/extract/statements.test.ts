/**
 * Statements: a block cut into whole sentences, cells and list items, in English and Japanese.
 */
import { describe, expect, it } from 'vitest';
import { sentences, statements, withoutMarker } from '#parsers/extract/statements.ts';

describe('sentences', () => {
  it('splits English at a full stop before the next sentence', () => {
    expect(sentences('Applicants must hold a PhD. The call opens in April! Is it open?')).toEqual(['Applicants must hold a PhD.', 'The call opens in April!', 'Is it open?']);
  });

  it('does not split after an abbreviation, an initial, a decimal or before a lower-case word', () => {
    const text = 'Teams from Japan, the U.S. and Korea, e.g. universities, may apply for approx. 3.5 years. Dr. Sato leads.';

    expect(sentences(text)).toEqual(['Teams from Japan, the U.S. and Korea, e.g. universities, may apply for approx. 3.5 years.', 'Dr. Sato leads.']);
  });

  it('keeps a Ph.D. inside its sentence', () => {
    expect(sentences('Candidates must receive their Ph.D. within two years. Fields are open.')).toEqual(['Candidates must receive their Ph.D. within two years.', 'Fields are open.']);
  });

  it('splits Japanese after 。 with no space', () => {
    expect(sentences('申請者は、大学長とします。一つの大学から複数の申請も可能です。')).toEqual(['申請者は、大学長とします。', '一つの大学から複数の申請も可能です。']);
  });

  it('starts a Japanese list item run into the line before at its number', () => {
    expect(sentences('大学院に在学する者 2. 研究機関に所属する者 (3) 企業に勤務する者')).toEqual(['大学院に在学する者', '2. 研究機関に所属する者', '(3) 企業に勤務する者']);
    expect(sentences('上記(1)と(2)の組み合わせ')).toEqual(['上記(1)と(2)の組み合わせ']);
  });

  it('does not split at a full stop inside brackets', () => {
    expect(sentences('申請者は、研究者とします（ただし、博士の学位を有する者に限る。）。次の文です。')).toEqual(['申請者は、研究者とします（ただし、博士の学位を有する者に限る。）。', '次の文です。']);
  });

  it('goes on past a bracketed aside that ends on a stop when kana or a comma follows it', () => {
    expect(sentences('課程を退学(以下「満期退学」という。)し、学位を取得した者も含む。次の文です。')).toEqual(['課程を退学(以下「満期退学」という。)し、学位を取得した者も含む。', '次の文です。']);
  });

  it('starts a Japanese note run into the item before at its ※', () => {
    expect(sentences('研究費を受給していない者であること ※所属先の有無は問いません。')).toEqual(['研究費を受給していない者であること', '※所属先の有無は問いません。']);
  });

  it('ends a question at the colon its answer follows', () => {
    expect(sentences('Where do you live?: 2. outside Japan')).toEqual(['Where do you live?:', '2. outside Japan']);
  });

  it('keeps a closing quote or bracket with the sentence it closes', () => {
    expect(sentences('「応募は一人一件とします。」次の文です。')).toEqual(['「応募は一人一件とします。」', '次の文です。']);
  });
});

describe('withoutMarker', () => {
  it.each([['• Applicants', 'Applicants'], ['· Be a citizen', 'Be a citizen'], ['1. 区分制の者', '区分制の者'], ['(2) 大学', '大学'], ['（ⅰ）相手国側', '相手国側'], ['① 研究者', '研究者'], ['a) Teams', 'Teams'], ['* Note', 'Note'], ['※ 採択者は', '採択者は'], ['※1:大学等とは', '大学等とは'], ['*2 Fellows', 'Fellows'], ['Q1-2 応募は可能か。', '応募は可能か。'], ['A. Yes', 'Yes'], ['ウ 学生でないこと。', '学生でないこと。']])('%s -> %s', (text, plain) => {
    expect(withoutMarker(text)).toBe(plain);
  });

  it('leaves a section number that is part of a decimal alone', () => {
    expect(withoutMarker('3.1 申請機関')).toBe('3.1 申請機関');
  });
});

describe('statements', () => {
  it('reads the cells of a row as statements of their own', () => {
    expect(statements('First cell here. | Second cell here.').map((s) => s.text)).toEqual(['First cell here.', 'Second cell here.']);
  });

  it('reads a row that lost its markup, pipes and all, as the same cells', () => {
    expect(statements('| 区分 | 国内の研究機関に所属する研究者 |').map((s) => s.text)).toEqual(statements('区分 | 国内の研究機関に所属する研究者').map((s) => s.text));
  });

  it('keeps a short "Label:" apart as the label', () => {
    expect(statements('Eligibility: Researchers in Japan.')).toEqual([{ text: 'Researchers in Japan.', evidence: 'Researchers in Japan.', label: 'Eligibility' }]);
  });

  it('keeps the label in the text of a value of a word or two, which says nothing without it', () => {
    expect(statements('Eligibility:  Pre/ Postdocs')).toEqual([{ text: 'Eligibility:  Pre/ Postdocs', evidence: 'Eligibility:  Pre/ Postdocs', label: 'Eligibility' }]);
    expect(statements('国籍：日本国籍')).toEqual([{ text: '国籍：日本国籍', evidence: '国籍：日本国籍', label: '国籍' }]);
  });

  it('takes the short first word of a flattened Japanese row as its label, and keeps it in the text', () => {
    expect(statements('応募要件 国内の研究機関に所属する研究者')).toEqual([{ text: '応募要件 国内の研究機関に所属する研究者', evidence: '応募要件 国内の研究機関に所属する研究者', label: '応募要件' }]);
  });

  it('takes a short first cell as the label of the rest of its row', () => {
    expect(statements('国籍 | 日本国籍を有する者')).toEqual([
      { text: '国籍', evidence: '国籍' },
      { text: '日本国籍を有する者', evidence: '日本国籍を有する者', label: '国籍' },
    ]);
    expect(statements('Eligibility | Researchers at universities in Japan')[1]!.label).toBe('Eligibility');
  });

  it('takes no row label from a first cell that is a sentence or a number', () => {
    expect(statements('Applicants must hold a PhD. | Researchers in Japan')[1]!.label).toBeUndefined();
    expect(statements('2025 | Researchers in Japan')[1]!.label).toBeUndefined();
  });

  it('takes no label from a long first clause or a web address', () => {
    expect(statements('See https://example.org/x for details.')[0]!.label).toBeUndefined();
    expect(statements('Researchers in universities, institutes and companies across the country: welcome.')[0]!.label).toBeUndefined();
  });
});
