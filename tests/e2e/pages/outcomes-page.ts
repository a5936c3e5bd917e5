import type { Locator, Page } from 'playwright-core';
import { literal } from '../support/accessible';

/** "Vous avez dit, nous avons fait": the department's feedback themes, its outcomes, and the outcome editor. */
export class OutcomesPage {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async ready(): Promise<this> {
    await this.main.getByRole('heading', { level: 1, name: 'Vous avez dit, nous avons fait' }).waitFor();
    return this;
  }

  private get themes(): Locator {
    return this.main.getByRole('region', { name: 'Thèmes des avis' });
  }

  /** The theme's line in « Thèmes des avis », as read: its name, how many feedbacks, their average rating. */
  async themeSummary(theme: string): Promise<string> {
    const line = this.themes.getByRole('button', { name: new RegExp(`^${literal(theme)} `) });
    await line.waitFor();
    return (await line.innerText()).replace(/\s+/g, ' ').trim();
  }

  /** Opens a new outcome in the editor. */
  async startOutcome(): Promise<OutcomeEditor> {
    await this.main.getByRole('button', { name: 'Rédiger un changement' }).click();
    return new OutcomeEditor(this.page, this.main.getByRole('region', { name: /^(Nouveau changement|Modifier le changement)$/ }));
  }

  /** An outcome's card, by its French title. */
  card(title: string): Locator {
    return this.main.getByRole('article', { name: title });
  }
}

export class OutcomeEditor {
  constructor(
    private readonly page: Page,
    private readonly region: Locator,
  ) {}

  async write(title: string, body: string): Promise<void> {
    await this.region.getByLabel(/^Titre \(Français\)/).fill(title);
    await this.region.getByLabel(/^Texte \(Français\)/).fill(body);
  }

  /** Links every feedback filed under `theme` (« Avis classés sous un thème », then « Lier … »). */
  async linkFeedbackTheme(theme: string): Promise<void> {
    const picker = this.region.getByRole('combobox', { name: /^Avis classés sous un thème/ });
    const option = picker.getByRole('option', { name: new RegExp(`^${literal(theme)} \\(`) });
    await picker.selectOption({ label: (await option.innerText()).trim() });
    await this.region.getByRole('button', { name: /^Lier (l’avis|les \d+ avis) de ce thème$/ }).click();
  }

  /** The linked cases as listed: "<tracking code> — <subject>". */
  async linkedCases(): Promise<string[]> {
    const group = this.region.getByRole('group', { name: 'Demandes liées' });
    return (await group.getByRole('listitem').allInnerTexts()).map((text) => text.trim());
  }

  async save(): Promise<void> {
    await this.region.getByRole('button', { name: 'Enregistrer' }).click();
    await this.page.getByText('Changement enregistré.').waitFor();
  }

  async publish(): Promise<void> {
    await this.region.getByRole('button', { name: 'Publier' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Publier ce changement ?' });
    await dialog.getByRole('button', { name: 'Publier' }).click();
    await this.page.getByText('Changement publié.').waitFor();
  }
}
