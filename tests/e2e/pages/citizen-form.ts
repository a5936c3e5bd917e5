import type { Page } from 'playwright-core';
import { accessibleDescription } from '../support/accessible';
import { CitizenCard } from './citizen-card';

export interface CitizenFields {
  firstName: string;
  lastName: string;
  /** YYYY-MM-DD, as a date input takes it. */
  birthDate: string;
  email: string;
  phone: string;
  line1: string;
  line2: string;
  postalCode: string;
  city: string;
}

export type CitizenField = keyof CitizenFields;

export interface CitizenChoices {
  certification: string;
  preferredChannel: string;
  consentEmail: boolean;
  consentSms: boolean;
  consentSurveys: boolean;
}

const labels: Record<CitizenField, string> = {
  firstName: 'Prénom',
  lastName: 'Nom',
  birthDate: 'Date de naissance',
  email: 'Courriel',
  phone: 'Téléphone',
  line1: 'Numéro et voie',
  line2: "Complément d'adresse",
  postalCode: 'Code postal',
  city: 'Commune',
};

const consentLabels = {
  consentEmail: 'Accepte de recevoir des notifications par courriel',
  consentSms: 'Accepte de recevoir des notifications par SMS',
  consentSurveys: "Accepte d'être sollicité pour des enquêtes",
} as const;

/** "Nouvel usager" / "Modifier la fiche": create or edit a citizen, with inline French errors. */
export class CitizenForm {
  constructor(private readonly page: Page) {}

  private get form() {
    return this.page.getByRole('main').getByRole('form');
  }

  private field(name: CitizenField) {
    // The date input has no textbox role in every engine; its label is what the agent sees anyway.
    return name === 'birthDate'
      ? this.form.getByLabel(labels.birthDate, { exact: true })
      : this.form.getByRole('textbox', { name: labels[name], exact: true });
  }

  async ready(): Promise<this> {
    await this.form.getByRole('button', { name: /^(Créer la fiche|Enregistrer)$/ }).waitFor();
    return this;
  }

  async fill(values: Partial<CitizenFields & CitizenChoices>): Promise<void> {
    for (const name of Object.keys(labels) as CitizenField[]) {
      const value = values[name];
      if (value !== undefined) await this.field(name).fill(value);
    }
    if (values.certification !== undefined) {
      await this.form.getByRole('combobox', { name: "Niveau de vérification de l'identité" }).selectOption({ label: values.certification });
    }
    if (values.preferredChannel !== undefined) {
      await this.form.getByRole('combobox', { name: 'Canal de contact préféré' }).selectOption({ label: values.preferredChannel });
    }
    for (const consent of Object.keys(consentLabels) as (keyof typeof consentLabels)[]) {
      const checked = values[consent];
      if (checked !== undefined) await this.form.getByRole('checkbox', { name: consentLabels[consent] }).setChecked(checked);
    }
  }

  /** What the fields hold now (what the agent typed, unless something lost it). */
  async values(): Promise<CitizenFields> {
    const entries = await Promise.all(
      (Object.keys(labels) as CitizenField[]).map(async (name) => [name, await this.field(name).inputValue()] as const),
    );
    return Object.fromEntries(entries) as unknown as CitizenFields;
  }

  /** The error announced for a field (aria-invalid, then its description), or null when it is valid. */
  async errorOf(name: CitizenField): Promise<string | null> {
    const field = this.field(name);
    if ((await field.getAttribute('aria-invalid')) !== 'true') return null;
    return accessibleDescription(field);
  }

  async invalidFields(): Promise<CitizenField[]> {
    const invalid: CitizenField[] = [];
    for (const name of Object.keys(labels) as CitizenField[]) {
      if ((await this.field(name).getAttribute('aria-invalid')) === 'true') invalid.push(name);
    }
    return invalid;
  }

  /** The "may already exist" warning, as it appears while typing: the citizens it offers to open instead. */
  async similarCitizens(): Promise<string[]> {
    const links = this.form.getByRole('status').getByRole('link', { name: /^Ouvrir la fiche de / });
    await links.first().waitFor();
    return (await links.allInnerTexts()).map((text) => text.replace(/^Ouvrir la fiche de /, ''));
  }

  async openSimilarCitizen(name: string): Promise<CitizenCard> {
    await this.form
      .getByRole('status')
      .getByRole('link', { name: `Ouvrir la fiche de ${name}` })
      .click();
    return new CitizenCard(this.page).ready();
  }

  private get submitButton() {
    return this.form.getByRole('button', { name: /^(Créer la fiche|Enregistrer)$/ });
  }

  /** Saves and lands on the citizen's card; fails with the errors shown if the form refused. */
  async save(): Promise<CitizenCard> {
    await this.submitButton.click();
    const card = new CitizenCard(this.page);
    const refusal = this.form.locator('[aria-invalid="true"]').or(this.form.getByRole('alert'));
    await card.history.or(refusal).first().waitFor();
    if (await refusal.first().isVisible()) {
      throw new Error(`The citizen form refused to save: ${JSON.stringify(await this.invalidFields())}`);
    }
    return card.ready();
  }

  /** Submits a form expected to be refused; resolves once the first inline error is shown. */
  async submitExpectingErrors(): Promise<void> {
    await this.submitButton.click();
    await this.form.locator('[aria-invalid="true"]').first().waitFor();
  }

  async heading(): Promise<string> {
    return this.page.getByRole('main').getByRole('heading', { level: 1 }).innerText();
  }
}
