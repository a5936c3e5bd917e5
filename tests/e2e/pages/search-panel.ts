import type { Locator } from 'playwright-core';

export interface SearchOutcome {
  /** Names of the citizens found, in the order shown. */
  citizens: string[];
  /** Tracking codes of the cases found, in the order shown. */
  cases: string[];
}

/**
 * The search field and its results, the same on the desk and in the Ctrl+K dialog: a combobox whose
 * listbox groups citizens ("Usagers") and cases ("Demandes").
 */
export class SearchPanel {
  constructor(private readonly root: Locator) {}

  get field() {
    return this.root.getByRole('combobox', { name: 'Rechercher un usager ou une demande' });
  }

  private get results() {
    return this.root.getByRole('listbox', { name: 'Résultats de la recherche' });
  }

  /** The polite live summary, written only once the results match what is typed. */
  private get settledSummary() {
    return this.root.getByText(/^(Aucun résultat\.|\d+ usager\(s\), \d+ demande\(s\)\..*)$/);
  }

  private options(group: 'Usagers' | 'Demandes') {
    return this.results.getByRole('group', { name: group }).getByRole('option');
  }

  /** Types the query and waits for the results of exactly that query. */
  async searchFor(text: string): Promise<SearchOutcome> {
    await this.field.fill(text);
    await this.settledSummary.waitFor();
    return this.outcome();
  }

  async outcome(): Promise<SearchOutcome> {
    // The first line of an option is the citizen's name, or the case's tracking code.
    const firstLines = (group: 'Usagers' | 'Demandes') =>
      this.options(group).evaluateAll((options) => options.map((option) => option.querySelector('p')?.textContent?.trim() ?? ''));
    return { citizens: await firstLines('Usagers'), cases: await firstLines('Demandes') };
  }

  async summary(): Promise<string> {
    return this.settledSummary.innerText();
  }

  private get highlightedOption() {
    return this.results.getByRole('option', { selected: true });
  }

  /** First line (citizen's name or case's tracking code) of the option highlighted for Enter, or null. */
  async highlighted(): Promise<string | null> {
    if ((await this.highlightedOption.count()) === 0) return null;
    return this.highlightedOption.evaluate((option) => option.querySelector('p')?.textContent?.trim() ?? '');
  }

  /** An arrow key in the field; resolves once the highlight has moved to another option. */
  async moveHighlight(key: 'ArrowDown' | 'ArrowUp'): Promise<void> {
    const before = await this.highlightedOption.getAttribute('id');
    await this.field.press(key);
    await this.results.locator(`[role="option"][aria-selected="true"]:not([id="${before}"])`).waitFor();
  }

  async pressKey(key: 'Enter' | 'Escape'): Promise<void> {
    await this.field.press(key);
  }

  async openCitizen(name: string): Promise<void> {
    await this.options('Usagers')
      .filter({ has: this.root.page().getByText(name, { exact: true }) })
      .click();
  }
}
