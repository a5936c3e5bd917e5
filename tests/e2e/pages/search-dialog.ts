import type { Page } from 'playwright-core';
import { CaseDetailPage } from './case-detail-page';
import { CitizenCard } from './citizen-card';
import { SearchPanel, type SearchOutcome } from './search-panel';

/** The global search dialog (Ctrl+K or the header field): keyboard only, Enter opens, Escape closes. */
export class SearchDialog {
  private readonly search;

  constructor(private readonly page: Page) {
    this.search = new SearchPanel(this.dialog);
  }

  get dialog() {
    return this.page.getByRole('dialog', { name: 'Recherche globale' });
  }

  /** Open, with the focus in its field (typing goes straight to the search). */
  async ready(): Promise<this> {
    await this.dialog.waitFor();
    await this.search.field.and(this.page.locator(':focus')).waitFor();
    return this;
  }

  async searchFor(text: string): Promise<SearchOutcome> {
    return this.search.searchFor(text);
  }

  async highlighted(): Promise<string | null> {
    return this.search.highlighted();
  }

  async moveHighlight(direction: 'down' | 'up'): Promise<void> {
    await this.search.moveHighlight(direction === 'down' ? 'ArrowDown' : 'ArrowUp');
  }

  /** Enter on the highlighted citizen opens their card and closes the dialog. */
  async openHighlightedCitizen(): Promise<CitizenCard> {
    await this.search.pressKey('Enter');
    await this.dialog.waitFor({ state: 'hidden' });
    return new CitizenCard(this.page).ready();
  }

  /** A valid tracking code, typed as an agent would, goes straight to its case. */
  async typeTrackingCode(code: string): Promise<CaseDetailPage> {
    await this.search.field.pressSequentially(code);
    await this.dialog.waitFor({ state: 'hidden' });
    return new CaseDetailPage(this.page).ready(code);
  }

  async close(): Promise<void> {
    await this.search.pressKey('Escape');
    await this.dialog.waitFor({ state: 'hidden' });
  }
}
