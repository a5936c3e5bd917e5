import type { Page } from 'playwright-core';
import { literal } from '../support/accessible';
import { CaseDetailPage } from './case-detail-page';

export interface GridRow {
  /** `aria-rowindex`: 1 is the header row, data rows start at 2. */
  rowIndex: number;
  trackingCode: string;
}

/** "Demandes": filters, the total, and the virtualised grid of matching cases. */
export class CaseListPage {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  private get grid() {
    return this.main.getByRole('grid', { name: 'Liste des demandes' });
  }

  /** A data row whose content has arrived (rows scrolled to are placeholders until their page loads). */
  private loadedRow(rowIndex: number) {
    return this.grid.locator(`[role="row"][aria-rowindex="${rowIndex}"]:not([aria-busy="true"])`);
  }

  private get totalText() {
    return this.main.getByText(/^[\d\s\u202f]+ demandes?$/);
  }

  async ready(): Promise<this> {
    await this.totalText.waitFor();
    await this.loadedRow(2).or(this.grid.getByText('Aucune demande ne correspond à ces filtres.')).first().waitFor();
    return this;
  }

  /** The total announced above the grid ("10 000 demandes"). */
  async total(): Promise<number> {
    return Number((await this.totalText.innerText()).replace(/\D/g, ''));
  }

  /** `aria-rowcount`: every matching row plus the header, whether rendered or not. */
  async gridRowCount(): Promise<number> {
    return Number(await this.grid.getAttribute('aria-rowcount'));
  }

  /** Rows that exist in the page right now (header excluded). */
  async renderedRows(): Promise<GridRow[]> {
    return this.grid.getByRole('row').evaluateAll((rows) =>
      rows
        .map((row) => ({
          rowIndex: Number(row.getAttribute('aria-rowindex')),
          trackingCode: row.querySelector('[role="gridcell"]')?.textContent?.trim() ?? '',
        }))
        .filter((row) => row.rowIndex > 1),
    );
  }

  /** The row that has the keyboard focus, if any. */
  async focusedRow(): Promise<number | null> {
    const focused = this.grid.locator('[role="row"]:focus');
    return (await focused.count()) === 0 ? null : Number(await focused.getAttribute('aria-rowindex'));
  }

  /** Into the grid with the keyboard, on its first data row. */
  async focusFirstRow(): Promise<void> {
    await this.loadedRow(2).focus();
  }

  /**
   * End in the grid: focus moves to the last matching row, which the grid scrolls to, renders and
   * loads. Resolves once that row shows its case.
   */
  async jumpToLastRow(): Promise<GridRow> {
    await this.focusFirstRow();
    await this.page.keyboard.press('End');
    return this.waitForLastRow();
  }

  /** Home back to the first row. */
  async jumpToFirstRow(): Promise<void> {
    await this.page.keyboard.press('Home');
    await this.grid.locator('[role="row"][aria-rowindex="2"]:focus').waitFor();
  }

  /** Scrolls the grid itself with the mouse wheel, far past its bottom, as an agent flinging the list. */
  async scrollToBottom(): Promise<GridRow> {
    await this.loadedRow(2).hover();
    const rowCount = await this.gridRowCount();
    // Far more than the rows' height (a few dozen pixels each): the scroll stops at the last row.
    await this.page.mouse.wheel(0, rowCount * 1_000);
    return this.waitForLastRow();
  }

  private async waitForLastRow(): Promise<GridRow> {
    const rowCount = await this.gridRowCount();
    const last = this.loadedRow(rowCount);
    await last.waitFor();
    const trackingCode = (await last.getByRole('gridcell').first().innerText()).trim();
    return { rowIndex: rowCount, trackingCode };
  }

  async openCase(trackingCode: string): Promise<CaseDetailPage> {
    await this.grid.getByRole('row', { name: new RegExp(`^${literal(trackingCode)} `) }).click();
    return new CaseDetailPage(this.page).ready(trackingCode);
  }
}
