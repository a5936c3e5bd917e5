import type { Survey, SurveyAnonymity } from '../../../src-shared/schemas/surveys';
import {
  answerNames,
  exportSurveyJson,
  freeName,
  importSurveyJson,
  isQuestion,
  newPage,
  newQuestion,
  newSurvey,
  withText,
  type Question,
  type QuestionKind,
  type SurveyElement,
  type SurveyLanguage,
  type SurveyModel,
  type SurveyPage,
} from '../../../src-shared/surveys';

/**
 * The survey an agent is designing: what a `survey` row will hold besides its id, status and dates
 * (src-shared/schemas/surveys.ts), its definition as the designer's model. Plain data, so that a
 * repository can load one into the store and save what the store holds.
 */
export interface SurveyDraft {
  departmentId: string | null;
  anonymity: SurveyAnonymity;
  /** The RGPD information shown to respondents before the questions. */
  purpose: { fr: string; en: string };
  model: SurveyModel;
  /** Calendar dates shown to respondents (`YYYY-MM-DD`), or null. */
  opensOn: string | null;
  closesOn: string | null;
}

/** One change to a draft: pure, so the store applies it and tests call it alone. */
export type DraftEdit = (draft: SurveyDraft) => SurveyDraft;

export function newDraft(departmentId: string | null = null): SurveyDraft {
  return { departmentId, anonymity: 'anonymous', purpose: { fr: '', en: '' }, model: newSurvey(), opensOn: null, closesOn: null };
}

const withModel = (draft: SurveyDraft, change: (model: SurveyModel) => SurveyModel): SurveyDraft => ({
  ...draft,
  model: change(draft.model),
});

const withPages = (draft: SurveyDraft, change: (pages: SurveyPage[]) => SurveyPage[]): SurveyDraft =>
  withModel(draft, (model) => ({ ...model, pages: change(model.pages) }));

const withPage =
  (pageIndex: number, change: (page: SurveyPage) => SurveyPage): DraftEdit =>
  (draft) =>
    withPages(draft, (pages) => pages.map((page, index) => (index === pageIndex ? change(page) : page)));

function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  const [item] = copy.splice(from, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}

export const setSurveyText =
  (field: 'title' | 'description', language: SurveyLanguage, value: string): DraftEdit =>
  (draft) =>
    withModel(draft, (model) => ({ ...model, [field]: withText(model[field], language, value) }));

export const setPurpose =
  (language: SurveyLanguage, value: string): DraftEdit =>
  (draft) => ({ ...draft, purpose: { ...draft.purpose, [language]: value } });

export const setAnonymity =
  (anonymity: SurveyAnonymity): DraftEdit =>
  (draft) => ({ ...draft, anonymity });

export const setDates =
  (field: 'opensOn' | 'closesOn', value: string | null): DraftEdit =>
  (draft) => ({ ...draft, [field]: value === '' ? null : value });

export const setDepartment =
  (departmentId: string | null): DraftEdit =>
  (draft) => ({ ...draft, departmentId });

export const addPage = (): DraftEdit => (draft) => withPages(draft, (pages) => [...pages, newPage(freeName(draft.model, 'page'))]);

/** The last page stays: a survey has at least one. */
export const removePage =
  (pageIndex: number): DraftEdit =>
  (draft) =>
    draft.model.pages.length <= 1 ? draft : withPages(draft, (pages) => pages.filter((_, index) => index !== pageIndex));

export const movePage =
  (pageIndex: number, delta: -1 | 1): DraftEdit =>
  (draft) => {
    const target = pageIndex + delta;
    return target < 0 || target >= draft.model.pages.length ? draft : withPages(draft, (pages) => moved(pages, pageIndex, target));
  };

export const setPageText = (pageIndex: number, field: 'title' | 'description', language: SurveyLanguage, value: string): DraftEdit =>
  withPage(pageIndex, (page) => ({ ...page, [field]: withText(page[field], language, value) }));

export const addQuestion =
  (pageIndex: number, kind: QuestionKind): DraftEdit =>
  (draft) =>
    withPage(pageIndex, (page) => ({ ...page, elements: [...page.elements, newQuestion(kind, freeName(draft.model, 'question'))] }))(draft);

export const removeElement = (pageIndex: number, elementIndex: number): DraftEdit =>
  withPage(pageIndex, (page) => ({ ...page, elements: page.elements.filter((_, index) => index !== elementIndex) }));

/** One step up or down; past the page's edge, to the end of the page before or the start of the page after. */
export const moveElement =
  (pageIndex: number, elementIndex: number, delta: -1 | 1): DraftEdit =>
  (draft) => {
    const page = draft.model.pages[pageIndex];
    const element = page?.elements[elementIndex];
    if (page === undefined || element === undefined) return draft;
    const target = elementIndex + delta;
    if (target >= 0 && target < page.elements.length)
      return withPage(pageIndex, (p) => ({ ...p, elements: moved(p.elements, elementIndex, target) }))(draft);
    const otherIndex = pageIndex + delta;
    if (draft.model.pages[otherIndex] === undefined) return draft;
    const removed = removeElement(pageIndex, elementIndex)(draft);
    return withPage(otherIndex, (other) => ({
      ...other,
      elements: delta < 0 ? [...other.elements, element] : [element, ...other.elements],
    }))(removed);
  };

export const updateQuestion = (pageIndex: number, elementIndex: number, change: (question: Question) => Question): DraftEdit =>
  withPage(pageIndex, (page) => ({
    ...page,
    elements: page.elements.map((element, index): SurveyElement =>
      index === elementIndex && isQuestion(element) ? change(element) : element,
    ),
  }));

/**
 * Renames the answer of one question, and the conditions the designer reads that name it (raw expressions
 * are left as written). A name another answer holds is refused: the draft is returned unchanged.
 */
export const renameQuestion =
  (pageIndex: number, elementIndex: number, to: string): DraftEdit =>
  (draft) => {
    const question = draft.model.pages[pageIndex]?.elements[elementIndex];
    if (question === undefined || !isQuestion(question) || to === '' || nameTaken(draft.model, to)) return draft;
    const from = question.name;
    return withPages(draft, (pages) =>
      pages.map((page, p) => ({
        ...page,
        elements: page.elements.map((element, e): SurveyElement => {
          if (!isQuestion(element)) return element;
          const renamed = p === pageIndex && e === elementIndex ? { ...element, name: to } : element;
          const showIf = renamed.showIf;
          return showIf?.kind === 'answer' && showIf.question === from
            ? { ...renamed, showIf: { ...showIf, question: to, source: null } }
            : renamed;
        }),
      })),
    );
  };

export function nameTaken(model: SurveyModel, name: string): boolean {
  return model.pages.some((page) => page.elements.some((element) => answerNames(element).includes(name)));
}

export const replaceModel =
  (model: SurveyModel): DraftEdit =>
  (draft) => ({ ...draft, model });

/** A stored survey as the designer edits it. */
export function draftOf(survey: Survey): SurveyDraft {
  return {
    departmentId: survey.departmentId,
    anonymity: survey.anonymity,
    purpose: survey.purpose,
    model: importSurveyJson(survey.definition),
    opensOn: survey.opensOn,
    closesOn: survey.closesOn,
  };
}

/**
 * What `survey.save` receives for a draft: a new survey, or the stored one at the version loaded. Once the
 * survey is open its questions are locked: the stored definition goes back unchanged, as it came.
 */
export function saveInputOf(draft: SurveyDraft, stored: Survey | null, departmentId: string) {
  return {
    id: stored?.id ?? null,
    departmentId: stored?.departmentId ?? departmentId,
    anonymity: stored !== null && stored.status !== 'draft' ? stored.anonymity : draft.anonymity,
    purpose: draft.purpose,
    definition: stored !== null && stored.status !== 'draft' ? stored.definition : exportSurveyJson(draft.model),
    opensOn: draft.opensOn,
    closesOn: draft.closesOn,
    expectedVersion: stored?.version ?? null,
  };
}
