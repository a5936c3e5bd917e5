import type { Page } from 'playwright-core';
import { literal } from '../support/accessible';
import { CitizenCard } from './citizen-card';

export interface ActionInput {
  /** For actions that need one ("Rejeter", "Mettre en attente de l'usager"…). */
  comment?: string;
  /** For "Affecter": the agent to pick in the dialog. */
  assignee?: string;
}

/** A case: its facts and status, the transitions this agent may make, the composer, the timeline. */
export class CaseDetailPage {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  private get title() {
    return this.main.getByRole('heading', { level: 1 });
  }

  /** The status badge, next to the tracking code. */
  private get statusBadge() {
    return this.title.locator('xpath=following-sibling::*[1]');
  }

  private get actions() {
    return this.main.getByRole('region', { name: 'Actions possibles' });
  }

  private get timeline() {
    return this.main.getByRole('region', { name: 'Historique', exact: true });
  }

  /** Loaded, and (when given) showing that case. */
  async ready(trackingCode?: string): Promise<this> {
    await this.timeline.waitFor();
    if (trackingCode !== undefined) {
      await this.main.getByRole('heading', { level: 1, name: trackingCode, exact: true }).waitFor();
    }
    return this;
  }

  async trackingCode(): Promise<string> {
    return (await this.title.innerText()).trim();
  }

  async status(): Promise<string> {
    return (await this.statusBadge.innerText()).trim();
  }

  /** Waits until the status on screen reads `status` (changes made elsewhere arrive by sync). */
  async waitForStatus(status: string): Promise<void> {
    await this.statusBadge.filter({ hasText: new RegExp(`^${literal(status)}$`) }).waitFor();
  }

  /** A fact of the case ("Service", "Affectée à", "Usager"…), as displayed. */
  async fact(label: string): Promise<string> {
    const term = this.main.getByRole('term').filter({ hasText: new RegExp(`^${literal(label)}$`) });
    return (await term.locator('xpath=following-sibling::dd[1]').innerText()).trim();
  }

  async availableActions(): Promise<string[]> {
    return this.actions.getByRole('button').allInnerTexts();
  }

  /**
   * Makes a transition by its French label. Actions that need a comment or an assignee ask in a dialog
   * named after the action; the others apply at once. Resolves once the status on screen has changed;
   * fails with the message shown when the action is refused.
   */
  async apply(action: string, input: ActionInput = {}): Promise<void> {
    const before = await this.status();
    await this.actions.getByRole('button', { name: action, exact: true }).click();
    const dialog = this.page.getByRole('dialog', { name: action, exact: true });
    const changed = this.statusBadge.filter({ hasNotText: new RegExp(`^${literal(before)}$`) });
    const refused = this.actions.getByRole('alert').or(dialog.getByRole('alert'));
    await dialog.or(changed).or(refused).first().waitFor();
    if (await dialog.isVisible()) {
      await this.fillDialog(action, input);
      const invalid = dialog.locator('[aria-invalid="true"]');
      await changed.or(refused).or(invalid).first().waitFor();
      if (await invalid.first().isVisible()) throw new Error(`« ${action} » needs more: ${await dialog.innerText()}`);
    }
    if (await refused.first().isVisible()) {
      throw new Error(`« ${action} » was refused: ${await refused.first().innerText()}`);
    }
  }

  private async fillDialog(action: string, input: ActionInput): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: action, exact: true });
    if (input.assignee !== undefined) {
      await dialog.getByRole('combobox', { name: 'Agent à qui affecter la demande' }).fill(input.assignee);
      await this.page.getByRole('option', { name: input.assignee, exact: true }).click();
    }
    if (input.comment !== undefined) {
      await dialog.getByRole('textbox', { name: 'Commentaire' }).fill(input.comment);
    }
    await dialog.getByRole('button', { name: action, exact: true }).click();
  }

  /** Writes in one of the composer's tabs and waits for the event to appear in the timeline. */
  async addInternalNote(text: string): Promise<void> {
    await this.write('Note interne', 'Ajouter la note', text);
  }

  async recordReply(text: string): Promise<void> {
    await this.write("Réponse à l'usager", 'Enregistrer la réponse', text);
  }

  private async write(tab: string, button: string, text: string): Promise<void> {
    await this.main.getByRole('tab', { name: tab }).click();
    const panel = this.main.getByRole('tabpanel', { name: tab });
    await panel.getByRole('textbox', { name: tab }).fill(text);
    await panel.getByRole('button', { name: button }).click();
    await this.timeline.getByText(text, { exact: true }).waitFor();
  }

  private get themes() {
    return this.main.getByRole('region', { name: 'Thèmes', exact: true });
  }

  /** A feedback's themes, as listed on its « Thèmes » panel. */
  async themeNames(): Promise<string[]> {
    await this.themes.waitFor();
    const list = this.themes.getByRole('list', { name: 'Thèmes de cet avis' });
    if ((await list.count()) === 0) return [];
    return (await list.getByRole('listitem').allInnerTexts()).map((text) => text.replace(/×/g, '').trim());
  }

  /** Files a feedback under a theme (typed, then Enter) and waits for it on the panel. */
  async addTheme(theme: string): Promise<void> {
    const field = this.themes.getByRole('combobox', { name: 'Ajouter un thème' });
    await field.fill(theme);
    await field.press('Enter');
    await this.themes.getByRole('listitem').filter({ hasText: theme }).waitFor();
  }

  /** The timeline as read: events oldest first, who and when, status moves, words written. */
  async timelineText(): Promise<string> {
    return this.timeline.innerText();
  }

  async openCitizen(): Promise<CitizenCard> {
    const term = this.main.getByRole('term').filter({ hasText: /^Usager$/ });
    await term.locator('xpath=following-sibling::dd[1]').getByRole('link').click();
    return new CitizenCard(this.page).ready();
  }
}
