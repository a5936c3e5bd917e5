import type { Page } from 'playwright-core';
import { CitizenCard } from './citizen-card';
import { CitizenForm } from './citizen-form';
import { NewCasePage } from './new-case-page';
import { SearchPanel, type SearchOutcome } from './search-panel';

/** "Accueil": the counter agent's home, with the search open and the two ways to create. */
export class DeskPage {
  private readonly main;
  private readonly search;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
    this.search = new SearchPanel(this.main);
  }

  get heading() {
    return this.main.getByRole('heading', { level: 1 });
  }

  async ready(): Promise<this> {
    await this.search.field.waitFor();
    return this;
  }

  async title(): Promise<string> {
    return this.heading.innerText();
  }

  async searchFor(text: string): Promise<SearchOutcome> {
    return this.search.searchFor(text);
  }

  async searchSummary(): Promise<string> {
    return this.search.summary();
  }

  async openCitizen(name: string): Promise<CitizenCard> {
    await this.search.openCitizen(name);
    return new CitizenCard(this.page).ready();
  }

  async startNewCitizen(): Promise<CitizenForm> {
    await this.main.getByRole('link', { name: 'Nouvel usager', exact: true }).click();
    return new CitizenForm(this.page).ready();
  }

  async startNewCase(): Promise<NewCasePage> {
    await this.main.getByRole('link', { name: 'Nouvelle demande', exact: true }).click();
    return new NewCasePage(this.page).ready();
  }
}
