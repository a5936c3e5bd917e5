import type { Download, Page } from 'playwright-core';
import { literal } from '../support/accessible';
import { SurveyDesigner } from './survey-designer';

/** A campaign's counts as its card shows them. */
export interface CampaignCounts {
  recipients: number;
  sent: number;
  failed: number;
  /** As shown: a number, or "< 5" (the small-segment rule hides fewer respondents). */
  responded: string;
}

const countLabels: Record<keyof CampaignCounts, string> = {
  recipients: 'Destinataires',
  sent: 'Envoyés',
  failed: 'Échecs',
  responded: 'Réponses',
};

/** The "Diffusion" tab: the public link, then the collectors by kind (kiosks, email campaigns…). */
export class DiffusionTab {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async ready(): Promise<this> {
    await this.main.getByRole('heading', { name: 'Points de collecte' }).waitFor();
    return this;
  }

  /** The survey's public address, as shown for copying. */
  async publicLink(): Promise<string> {
    return this.main.getByRole('region', { name: 'Lien public' }).getByRole('textbox', { name: 'Lien public' }).inputValue();
  }

  private section(kind: 'Bornes' | 'Campagnes par courriel') {
    return this.main.getByRole('region', { name: kind, exact: true });
  }

  /** Creates a kiosk for a place and returns its address (`/k/…`) once its card shows it. */
  async addKiosk(label: string): Promise<string> {
    const kiosks = this.section('Bornes');
    await kiosks.getByRole('textbox', { name: 'Nom' }).last().fill(label);
    await kiosks.getByRole('button', { name: 'Nouvelle borne' }).click();
    const address = kiosks.getByRole('textbox', { name: 'Adresse de la borne' });
    await address.waitFor();
    return address.inputValue();
  }

  /** Creates an email campaign (a draft) to the citizens of these postal codes who consented to surveys. */
  async addCampaign(options: { label: string; postalCodes: string; ratePerMinute: number }): Promise<void> {
    const campaigns = this.section('Campagnes par courriel');
    await campaigns.getByRole('textbox', { name: 'Nom' }).last().fill(options.label);
    await campaigns.getByRole('textbox', { name: 'Codes postaux (séparés par des virgules)' }).last().fill(options.postalCodes);
    await campaigns.getByRole('textbox', { name: 'Courriels par minute' }).last().fill(String(options.ratePerMinute));
    await campaigns.getByRole('button', { name: 'Nouvelle campagne' }).click();
    await campaigns.getByText(options.label, { exact: true }).waitFor();
  }

  /** "Lancer": the central service selects the recipients and sends, at the campaign's rate. */
  async launchCampaign(): Promise<void> {
    const campaigns = this.section('Campagnes par courriel');
    await campaigns.getByRole('button', { name: 'Lancer' }).click();
    await campaigns.getByText(/^(Envoi en cours|Terminé)$/).waitFor();
  }

  /** The campaign's status badge ("Envoi en cours", "Terminé"…). */
  async campaignStatus(): Promise<string> {
    return (
      await this.section('Campagnes par courriel')
        .getByText(/^(Brouillon|Envoi en cours|Suspendu|Terminé)$/)
        .innerText()
    ).trim();
  }

  /** The counts under the campaign's progress bar. */
  async campaignCounts(): Promise<CampaignCounts> {
    const text = await this.section('Campagnes par courriel').innerText();
    const shown = (label: string) => {
      const match = new RegExp(`${literal(label)}\\s+(\\d+|< 5)`).exec(text);
      if (match === null) throw new Error(`no "${label}" count in: ${text}`);
      return match[1] ?? '';
    };
    const read = (label: string) => Number(shown(label));
    return {
      recipients: read(countLabels.recipients),
      sent: read(countLabels.sent),
      failed: read(countLabels.failed),
      responded: shown(countLabels.responded),
    };
  }
}

/** The "Synthèse" tab: the responses counted on the replica, per channel and collector, per question; exports. */
export class SynthesisTab {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async ready(): Promise<this> {
    await this.main.getByRole('heading', { level: 2, name: 'Synthèse' }).waitFor();
    return this;
  }

  /** Waits until the synthesis's headline count reads `text` ("12 réponses", "< 5"…); the page's header counts too. */
  async waitForTotal(text: string): Promise<void> {
    await this.main.getByRole('tabpanel', { name: 'Synthèse' }).getByText(text, { exact: true }).waitFor({ timeout: 60_000 });
  }

  private async rowCount(table: 'Réponses par canal' | 'Réponses par point de collecte', label: RegExp): Promise<string> {
    const row = this.main.getByRole('region', { name: table }).getByRole('row', { name: label });
    return (await row.getByRole('cell').first().innerText()).trim();
  }

  /** A channel's count as shown ("6", or "< 5" for a segment too small to show). */
  channelCount(channel: string): Promise<string> {
    return this.rowCount('Réponses par canal', new RegExp(`^${literal(channel)}`));
  }

  /** A collector's count as shown, by its label. */
  collectorCount(label: string): Promise<string> {
    return this.rowCount('Réponses par point de collecte', new RegExp(`^${literal(label)} ·`));
  }

  /** Every channel listed, in order. */
  async channels(): Promise<string[]> {
    const headers = this.main.getByRole('region', { name: 'Réponses par canal' }).getByRole('rowheader');
    return (await headers.allInnerTexts()).map((text) => text.trim());
  }

  /** One question's card text: its title, how many answered, its mean or chart labels. */
  async questionSummary(title: string): Promise<string> {
    return this.main.getByRole('region', { name: title, exact: true }).innerText();
  }

  /** "Excel (.xlsx)": the file the workspace hands to the browser. */
  async exportXlsx(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download', { timeout: 60_000 }),
      this.main.getByRole('group', { name: 'Exporter' }).getByRole('button', { name: 'Excel (.xlsx)' }).click(),
    ]);
    return download;
  }
}

/** A stored survey's page: its title and status, and its three tabs. */
export class StoredSurveyPage {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async ready(title: string): Promise<this> {
    await this.main.getByRole('heading', { level: 1, name: title }).waitFor();
    return this;
  }

  /** Waits for the status badge beside the title ("Brouillon", "Ouvert"…). */
  async waitForStatus(status: string): Promise<void> {
    await this.main.getByText(status, { exact: true }).first().waitFor();
  }

  private async openTab(name: 'Conception' | 'Diffusion' | 'Synthèse'): Promise<void> {
    await this.main.getByRole('tablist', { name: 'Parties du questionnaire' }).getByRole('tab', { name }).click();
  }

  async openDesign(): Promise<SurveyDesigner> {
    await this.openTab('Conception');
    return new SurveyDesigner(this.page).ready();
  }

  async openDiffusion(): Promise<DiffusionTab> {
    await this.openTab('Diffusion');
    return new DiffusionTab(this.page).ready();
  }

  async openSynthesis(): Promise<SynthesisTab> {
    await this.openTab('Synthèse');
    return new SynthesisTab(this.page).ready();
  }
}
