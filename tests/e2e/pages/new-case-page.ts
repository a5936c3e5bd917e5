import type { Page } from 'playwright-core';
import { CaseDetailPage } from './case-detail-page';

export interface NewCaseFields {
  subject: string;
  description: string;
  /** The place the case is about. */
  address: string;
  /** Label of a channel ("Accueil physique", "Téléphone"…). */
  channel: string;
  /** Label of a priority ("Basse", "Normale", "Haute", "Urgente"). */
  priority: string;
}

/** "Nouvelle demande": the case form, then the tracking code shown large once it is saved. */
export class NewCasePage {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  private get form() {
    return this.main.getByRole('form', { name: 'Nouvelle demande' });
  }

  private get copyButton() {
    return this.main.getByRole('button', { name: /^(Copier le numéro de suivi|Numéro copié)$/ });
  }

  async ready(): Promise<this> {
    await this.form.getByRole('button', { name: 'Enregistrer la demande' }).waitFor();
    return this;
  }

  /** The citizen the case is for, as the field shows them ("" for an anonymous report). */
  async citizen(): Promise<string> {
    return this.form.getByRole('combobox', { name: 'Usager (facultatif)' }).inputValue();
  }

  /** What the "Objet" field holds ("" on a blank form). */
  async subject(): Promise<string> {
    return this.form.getByRole('textbox', { name: 'Objet', exact: true }).inputValue();
  }

  /** Types in "Nature de la demande" and picks that category from the list (grouped by department). */
  async chooseCategory(label: string): Promise<void> {
    const field = this.form.getByRole('combobox', { name: 'Nature de la demande' });
    await field.click();
    await field.fill(label);
    await this.page.getByRole('listbox', { name: 'Nature de la demande' }).getByRole('option', { name: label, exact: true }).click();
    await this.form.getByText(/^Service : /).waitFor();
  }

  /** "Service : Voirie · délai cible : 10 jours ouvrés", shown once a category is chosen. */
  async categoryFacts(): Promise<string> {
    return this.form.getByText(/^Service : /).innerText();
  }

  async fill(values: Partial<NewCaseFields>): Promise<void> {
    if (values.channel !== undefined) {
      await this.form.getByRole('combobox', { name: 'Canal', exact: true }).selectOption({ label: values.channel });
    }
    if (values.subject !== undefined) {
      await this.form.getByRole('textbox', { name: 'Objet', exact: true }).fill(values.subject);
    }
    if (values.description !== undefined) {
      await this.form.getByRole('textbox', { name: 'Description', exact: true }).fill(values.description);
    }
    if (values.address !== undefined) {
      await this.form.getByRole('textbox', { name: 'Adresse (lieu concerné)', exact: true }).fill(values.address);
    }
    if (values.priority !== undefined) {
      await this.form.getByRole('combobox', { name: 'Priorité', exact: true }).selectOption({ label: values.priority });
    }
  }

  /** Saves the case; resolves once its tracking code is on screen, fails with the errors shown otherwise. */
  async save(): Promise<void> {
    await this.form.getByRole('button', { name: 'Enregistrer la demande' }).click();
    const refusal = this.form.locator('[aria-invalid="true"]').or(this.form.getByRole('alert'));
    await this.copyButton.or(refusal).first().waitFor();
    if (await refusal.first().isVisible()) {
      throw new Error(`The case form refused to save: ${await this.form.innerText()}`);
    }
  }

  /** The tracking code, the page's title once the case is saved, large enough to read out. */
  async readTrackingCode(): Promise<string> {
    await this.copyButton.waitFor();
    return (await this.main.getByRole('heading', { level: 1 }).innerText()).trim();
  }

  /** Font size of the tracking code, in CSS pixels: it is meant to be read out from across the counter. */
  async trackingCodeFontSize(): Promise<number> {
    await this.copyButton.waitFor();
    const size = await this.main.getByRole('heading', { level: 1 }).evaluate((heading) => getComputedStyle(heading).fontSize);
    return Number.parseFloat(size);
  }

  /** Presses "Copier le numéro de suivi" and returns what the clipboard then holds. */
  async copyTrackingCode(): Promise<string> {
    await this.page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await this.page.evaluate(() => navigator.clipboard.writeText(''));
    await this.copyButton.click();
    // The button says "Numéro copié" for two seconds only: the clipboard itself is the lasting proof.
    const copied = await this.page.waitForFunction(
      async () => {
        const text = await navigator.clipboard.readText();
        return text === '' ? false : text;
      },
      undefined,
      { polling: 50 },
    );
    return copied.jsonValue() as Promise<string>;
  }

  async openCase(): Promise<CaseDetailPage> {
    const code = await this.readTrackingCode();
    await this.main.getByRole('link', { name: 'Ouvrir la demande' }).click();
    return new CaseDetailPage(this.page).ready(code);
  }
}
