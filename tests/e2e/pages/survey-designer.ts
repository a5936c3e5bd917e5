import type { Locator, Page } from 'playwright-core';

/** A question kind as the "Ajouter une question" list names it. */
export type QuestionKindLabel =
  'Choix unique' | 'Choix multiples' | 'Note (étoiles ou visages)' | 'Oui / non' | 'Texte court' | 'Texte long';

/** One question of the designer: its section, named by its title (or its answer's name while untitled). */
export class QuestionEditor {
  constructor(readonly section: Locator) {}

  /** Renames the answer (the name is applied when the field is left). */
  async setName(name: string): Promise<void> {
    const field = this.section.getByRole('textbox', { name: 'Nom de la réponse' });
    await field.fill(name);
    await field.blur();
  }

  async setTitle(french: string): Promise<void> {
    await this.section.getByRole('textbox', { name: 'Question (Français)' }).fill(french);
  }

  async setRequired(required: boolean): Promise<void> {
    await this.section.getByRole('checkbox', { name: 'Réponse obligatoire' }).setChecked(required);
  }

  /** Sets the `index`-th choice (1-based) of a choice list: its value and French text. */
  async setChoice(index: number, value: string, french: string): Promise<void> {
    await this.section.getByRole('textbox', { name: `Choix ${index}, Valeur` }).fill(value);
    await this.section.getByRole('textbox', { name: `Choix ${index}, Français` }).fill(french);
  }

  /** "Afficher si": the earlier question (by its title), the comparison and the choice, as the agent picks them. */
  async showIf(question: string, operator: string, value: string): Promise<void> {
    await this.section.getByRole('combobox', { name: 'Afficher si' }).selectOption({ label: question });
    await this.section.getByRole('combobox', { name: 'Condition' }).selectOption({ label: operator });
    await this.section.getByRole('combobox', { name: 'Valeur' }).selectOption({ label: value });
  }
}

/** The survey designer: a new survey ("Nouveau questionnaire") or a stored one's "Conception" tab. */
export class SurveyDesigner {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async ready(): Promise<this> {
    await this.main.getByRole('group', { name: 'Questionnaire' }).waitFor();
    return this;
  }

  async setTitle(french: string): Promise<void> {
    await this.main.getByRole('textbox', { name: 'Titre (Français)' }).fill(french);
  }

  async setPurpose(french: string): Promise<void> {
    await this.main.getByRole('textbox', { name: 'Finalité (Français)' }).fill(french);
  }

  private pageGroup(pageNumber: number) {
    return this.main.getByRole('group', { name: `Page ${pageNumber}`, exact: true });
  }

  /** Adds a question of that kind at the end of the page; returns its editor (the page's last question). */
  async addQuestion(kind: QuestionKindLabel, pageNumber = 1): Promise<QuestionEditor> {
    const group = this.pageGroup(pageNumber);
    const questions = group.getByRole('region');
    const before = await questions.count();
    await group.getByRole('combobox', { name: 'Ajouter une question' }).selectOption({ label: kind });
    await group.getByRole('button', { name: 'Ajouter une question' }).click();
    const added = questions.nth(before);
    await added.waitFor();
    return new QuestionEditor(added);
  }

  /** The problems the designer lists under "À corriger avant de publier" (none: empty). */
  async problems(): Promise<string[]> {
    return this.main.getByRole('alert').filter({ hasText: 'À corriger avant de publier' }).getByRole('listitem').allInnerTexts();
  }

  /** Saves; a new survey then opens on its own page. */
  async save(): Promise<void> {
    await this.main.getByRole('button', { name: 'Enregistrer', exact: true }).click();
    await this.page.getByText('Questionnaire enregistré.').first().waitFor();
  }

  /** "Ouvrir", confirmed: the survey takes answers from then on. */
  async openToAnswers(): Promise<void> {
    await this.main.getByRole('button', { name: 'Ouvrir', exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Confirmer' });
    await dialog.getByRole('button', { name: 'Ouvrir', exact: true }).click();
    await this.page.getByText('Statut du questionnaire : Ouvert.').first().waitFor();
  }
}
