import type { Page } from 'playwright-core';
import { literal } from '../support/accessible';
import { NewCasePage } from './new-case-page';

/** A citizen's card: who they are, and the 360° history of their cases in every department. */
export class CitizenCard {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  /** The history heading ends the card: once it is there, the whole card is. */
  get history() {
    return this.main.getByRole('heading', { level: 2, name: /^Historique des demandes \(\d+\)$/ });
  }

  async ready(): Promise<this> {
    await this.history.waitFor();
    return this;
  }

  async name(): Promise<string> {
    return this.main.getByRole('heading', { level: 1 }).innerText();
  }

  /** A fact of the card ("Téléphone", "Adresse postale"…), as displayed. */
  async detail(label: string): Promise<string> {
    const term = this.main.getByRole('term').filter({ hasText: new RegExp(`^${literal(label)}$`) });
    return term.locator('xpath=following-sibling::dd[1]').innerText();
  }

  async historyCount(): Promise<number> {
    const heading = await this.history.innerText();
    return Number(/\((\d+)\)/.exec(heading)?.[1]);
  }

  /** Tracking codes listed in the history table, newest first. */
  async historyTrackingCodes(): Promise<string[]> {
    const table = this.main.getByRole('table', { name: /^Historique des demandes/ });
    if ((await table.count()) === 0) return [];
    return table.getByRole('link').allInnerTexts();
  }

  /** "Nouvelle demande" from the card: the new case comes with this citizen already chosen. */
  async startNewCase(): Promise<NewCasePage> {
    await this.main.getByRole('link', { name: 'Nouvelle demande', exact: true }).click();
    return new NewCasePage(this.page).ready();
  }
}
