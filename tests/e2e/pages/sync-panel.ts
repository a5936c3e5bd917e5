import type { Page } from 'playwright-core';

/** The sync status in the header, and the sync inbox page. */
export class SyncPanel {
  constructor(private readonly page: Page) {}

  private get group() {
    return this.page.getByRole('banner').getByRole('group', { name: 'Synchronisation' });
  }

  /** "En ligne", "Hors ligne"… as the header says it. */
  async state(): Promise<string> {
    const name = await this.group.getByRole('status', { name: /^État de la synchronisation/ }).getAttribute('aria-label');
    return (name ?? '').replace(/^État de la synchronisation : /, '').trim();
  }

  async waitForState(state: string): Promise<void> {
    await this.group.getByRole('status', { name: `État de la synchronisation : ${state}`, exact: true }).waitFor();
  }

  async waitForPending(text: RegExp): Promise<void> {
    await this.group.getByText(text).first().waitFor();
  }

  async syncNow(): Promise<void> {
    await this.group.getByRole('button', { name: 'Synchroniser maintenant' }).click();
  }

  /** Opens the inbox and returns the titles of the refused changes listed there. */
  async openInbox(): Promise<string[]> {
    await this.page
      .getByRole('navigation', { name: 'Navigation principale' })
      .getByRole('link', { name: /^Boîte de synchronisation/ })
      .click();
    const main = this.page.getByRole('main');
    await main.getByRole('heading', { level: 1, name: 'Boîte de synchronisation' }).waitFor();
    const articles = main.getByRole('article');
    await articles.first().or(main.getByText('Aucune modification refusée.')).first().waitFor();
    const titles: string[] = [];
    for (const article of await articles.all())
      titles.push((await article.getAttribute('aria-label')) ?? (await article.getByRole('heading').first().innerText()));
    return titles;
  }

  /** The text of one refused change (reason, what was entered, what the server holds). */
  async refusalText(title: string): Promise<string> {
    return this.page.getByRole('main').getByRole('article', { name: title }).innerText();
  }
}
