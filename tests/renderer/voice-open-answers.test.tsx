import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OpenAnswerThemes } from '../../src-renderer/features/voice';
import { suggestThemes } from '../../src-shared/surveys';
import { buildAgent, voirie } from './fixtures';
import { renderApp, type Handlers } from './render-app';
import { buildVoiceSurvey, poolSurveyId } from './voice-fixtures';

const field = buildAgent({ roles: [{ departmentId: voirie.id, role: 'field' }] });
const otherDepartment = buildAgent({ roles: [{ departmentId: '0190a000-0000-7000-8000-000000000002', role: 'supervisor' }] });

const texts = [
  'Élargir les horaires le dimanche',
  'Les horaires du soir sont trop courts',
  "L'eau est trop froide",
  'Horaires du dimanche à élargir',
  'Vestiaires sales',
];
const responseId = (index: number) => `0190c000-0000-7000-8000-${String(index + 1).padStart(12, '0')}`;
const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

interface OpenAnswersInput {
  search: string;
  theme: string | null;
  offset: number;
  limit: number;
}

/** The open answers of one question as the main core answers them: filtered, paged, with tags and counts. */
function answersFixture() {
  const tags: { id: string; responseId: string; theme: string }[] = [];
  let serial = 0;
  const handlers: Handlers = {
    'voice.surveys': () => [buildVoiceSurvey()],
    'voice.openAnswers': (raw) => {
      const input = raw as OpenAnswersInput;
      const all = texts.map((text, index) => ({
        responseId: responseId(index),
        text,
        submittedAt: `2026-02-1${index}T10:00:00.000Z`,
        // The main core sends no channel where the small-segment rule hides it (here the third answer's).
        channel: index === 2 ? null : index === 4 ? 'kiosk' : 'link',
        tags: tags.filter((tag) => tag.responseId === responseId(index)).map(({ id, theme }) => ({ id, theme })),
      }));
      const matching = all.filter(
        (answer) =>
          fold(answer.text).includes(fold(input.search)) && (input.theme === null || answer.tags.some((tag) => tag.theme === input.theme)),
      );
      const themes = [...new Set(tags.map((tag) => tag.theme))].map((theme) => ({
        theme,
        answers: tags.filter((tag) => tag.theme === theme).length,
      }));
      return {
        total: matching.length,
        answers: matching.slice(input.offset, input.offset + input.limit),
        themes,
        suggestions: suggestThemes(texts),
      };
    },
    'voice.tag': (raw) => {
      const input = raw as { responseId: string; theme: string };
      const id = `0190f000-0000-7000-8000-${String(++serial).padStart(12, '0')}`;
      tags.push({ id, responseId: input.responseId, theme: input.theme });
      return { id };
    },
    'voice.untag': (raw) => {
      const index = tags.findIndex((tag) => tag.id === (raw as { id: string }).id);
      tags.splice(index, 1);
      return { id: (raw as { id: string }).id };
    },
  };
  return { handlers, tags };
}

/** The search waits for a pause in typing, and jsdom renders Mantine slowly on a busy 2-core machine (seconds a change). */
const settled = { timeout: 10_000 };

/** The count above the answers (a status: screen readers hear it change); a text query, as role queries are slow here. */
const answerCount = () => screen.getByText(/^\d+ réponses?$/).textContent;

const answerItem = (text: string) => screen.getByText(text).closest('li') as HTMLElement;

describe('OpenAnswerThemes', { timeout: 40_000 }, () => {
  it('tags an answer with a theme, counts it, filters on it, and takes it off', async () => {
    const { handlers, tags } = answersFixture();
    const { calls } = renderApp(<OpenAnswerThemes surveyId={poolSurveyId} question="pourquoi" pageSize={3} />, { agent: field, handlers });
    expect(await screen.findByText('5 réponses')).toBeTruthy();
    expect(screen.getByText('5 réponses').getAttribute('role')).toBe('status');
    // A page of three, the next ones a click away.
    expect(texts.slice(0, 3).map((text) => screen.queryByText(text) !== null)).toEqual([true, true, true]);
    expect(screen.queryByText('Vestiaires sales')).toBeNull();
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Pages de réponses' })).getByRole('button', { name: '2' }));
    expect(await screen.findByText('Vestiaires sales')).toBeTruthy();
    expect(calls.filter((call) => call.path === 'voice.openAnswers').at(-1)?.input).toMatchObject({ offset: 3, limit: 3 });
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Pages de réponses' })).getByRole('button', { name: '1' }));

    const first = within(await waitFor(() => answerItem('Élargir les horaires le dimanche')));
    fireEvent.change(first.getByRole('combobox', { name: 'Ajouter un thème' }), { target: { value: 'Horaires' } });
    fireEvent.click(first.getByRole('button', { name: 'Ajouter' }));
    await waitFor(() => expect(tags).toEqual([expect.objectContaining({ responseId: responseId(0), theme: 'Horaires' })]));
    expect(calls.find((call) => call.path === 'voice.tag')?.input).toEqual({
      responseId: responseId(0),
      question: 'pourquoi',
      theme: 'Horaires',
    });

    // The theme shows on the answer and among the themes in use, with its count.
    expect(await screen.findByRole('button', { name: 'Horaires : 1' })).toBeTruthy();
    expect(
      within(within(answerItem('Élargir les horaires le dimanche')).getByRole('list', { name: 'Thèmes de cette réponse' })).getByText(
        'Horaires',
      ),
    ).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Horaires : 1' }));
    await waitFor(() => expect(answerCount()).toBe('1 réponse'), settled);
    expect(calls.filter((call) => call.path === 'voice.openAnswers').at(-1)?.input).toMatchObject({ theme: 'Horaires', offset: 0 });
    expect(screen.getByRole('button', { name: 'Horaires : 1' }).getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(screen.getByRole('button', { name: 'Retirer le thème « Horaires » de cette réponse' }));
    await waitFor(() => expect(tags).toEqual([]));
    expect(await screen.findByText('Aucun thème pour le moment.')).toBeTruthy();
  });

  it('searches on the server as the agent types, and a suggested theme searches the answers containing it', async () => {
    const { handlers } = answersFixture();
    const { calls } = renderApp(<OpenAnswerThemes surveyId={poolSurveyId} question="pourquoi" />, { agent: field, handlers });
    await screen.findByText('5 réponses');
    fireEvent.change(screen.getByLabelText(/Rechercher dans les réponses/), { target: { value: 'ELARGIR' } });
    await waitFor(() => expect(answerCount()).toBe('2 réponses'), settled);
    expect(calls.filter((call) => call.path === 'voice.openAnswers').at(-1)?.input).toMatchObject({ search: 'ELARGIR', theme: null });

    fireEvent.click(screen.getByRole('button', { name: 'Effacer la recherche' }));
    await waitFor(() => expect(answerCount()).toBe('5 réponses'), settled);

    // "horaires" comes back in three answers: suggested, and a click finds them.
    const suggestion = await screen.findByLabelText(/^Rechercher « horaires » \(3 réponses\)/i);
    fireEvent.click(suggestion);
    expect((screen.getByLabelText(/Rechercher dans les réponses/) as HTMLInputElement).value.toLowerCase()).toBe('horaires');
    await waitFor(() => expect(answerCount()).toBe('3 réponses'), settled);
    expect(screen.queryByText("L'eau est trop froide")).toBeNull();
  });

  it('names each answer’s channel, and none where the main core hides it (a small segment)', async () => {
    const { handlers } = answersFixture();
    renderApp(<OpenAnswerThemes surveyId={poolSurveyId} question="pourquoi" />, { agent: field, handlers });
    await screen.findByText('5 réponses');
    const meta = (text: string) => within(answerItem(text)).getByText(/^\d/).textContent ?? '';
    expect(meta('Vestiaires sales')).toMatch(/ · Borne$/);
    expect(meta('Élargir les horaires le dimanche')).toMatch(/ · Lien public$/);
    expect(meta("L'eau est trop froide")).not.toContain('·');
  });

  it('lets an agent who does not work on the survey’s department read but not tag', async () => {
    const { handlers } = answersFixture();
    renderApp(<OpenAnswerThemes surveyId={poolSurveyId} question="pourquoi" />, {
      agent: otherDepartment,
      handlers: { ...handlers, 'voice.surveys': () => [] },
    });
    expect(await screen.findByText('Vestiaires sales')).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Ajouter un thème' })).toBeNull();
  });
});
