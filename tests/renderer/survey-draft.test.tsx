import { describe, expect, it } from 'vitest';
import {
  addPage,
  addQuestion,
  moveElement,
  movePage,
  newDraft,
  removePage,
  renameQuestion,
  updateQuestion,
  type DraftEdit,
  type SurveyDraft,
} from '../../src-renderer/features/surveys/draft';
import type { Question } from '../../src-shared/surveys';

const applied = (...edits: DraftEdit[]): SurveyDraft => edits.reduce((draft, edit) => edit(draft), newDraft());
const names = (draft: SurveyDraft) =>
  draft.model.pages.map((page) => page.elements.map((element) => (element.kind === 'readOnly' ? '?' : element.name)));

/** The designer's edits, each a pure change of the draft the store applies. */
describe('draft edits', () => {
  it('names new questions and pages after the first free number', () => {
    const draft = applied(addQuestion(0, 'yesNo'), addQuestion(0, 'nps'), addPage(), addQuestion(1, 'date'));
    expect(names(draft)).toEqual([['question1', 'question2'], ['question3']]);
    expect(draft.model.pages.map((page) => page.name)).toEqual(['page1', 'page2']);
  });

  it('moves a question within its page, then across the page edge', () => {
    const base = [addQuestion(0, 'yesNo'), addQuestion(0, 'nps'), addPage(), addQuestion(1, 'date')];
    expect(names(applied(...base, moveElement(0, 0, 1)))).toEqual([['question2', 'question1'], ['question3']]);
    expect(names(applied(...base, moveElement(0, 1, 1)))).toEqual([['question1'], ['question2', 'question3']]);
    expect(names(applied(...base, moveElement(1, 0, -1)))).toEqual([['question1', 'question2', 'question3'], []]);
    expect(names(applied(...base, moveElement(0, 0, -1)))).toEqual([['question1', 'question2'], ['question3']]);
  });

  it('moves pages and keeps the last one', () => {
    const draft = applied(addPage(), addQuestion(1, 'date'), movePage(1, -1));
    expect(names(draft)).toEqual([['question1'], []]);
    expect(names(applied(removePage(0)))).toEqual([[]]);
    expect(names(applied(addPage(), removePage(0))).length).toBe(1);
  });

  it('renames an answer and the conditions that read it', () => {
    const showIf = { kind: 'answer', question: 'question1', operator: 'equals', value: true, source: '{question1}=true' } as const;
    const draft = applied(
      addQuestion(0, 'yesNo'),
      addQuestion(0, 'longText'),
      updateQuestion(0, 1, (question): Question => ({ ...question, showIf })),
      renameQuestion(0, 0, 'visited'),
    );
    expect(names(draft)).toEqual([['visited', 'question2']]);
    expect((draft.model.pages[0]?.elements[1] as Question).showIf).toEqual({ ...showIf, question: 'visited', source: null });
  });

  it('refuses a name another answer holds, or an empty one', () => {
    const draft = applied(addQuestion(0, 'yesNo'), addQuestion(0, 'nps'));
    expect(renameQuestion(0, 1, 'question1')(draft)).toBe(draft);
    expect(renameQuestion(0, 1, '')(draft)).toBe(draft);
  });
});
