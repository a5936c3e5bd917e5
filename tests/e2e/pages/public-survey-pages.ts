import type { Page } from 'playwright-core';

/** What survey-core draws for a question: a radio group named by the question's title. */
class SurveyQuestions {
  constructor(protected readonly page: Page) {}

  private group(question: string) {
    return this.page.getByRole('main').getByRole('radiogroup', { name: question, exact: true });
  }

  async waitForQuestion(question: string): Promise<void> {
    await this.group(question).waitFor();
  }

  /** Whether the question is on screen (a "show if" not met keeps it away). */
  async isShown(question: string): Promise<boolean> {
    return this.group(question).isVisible();
  }

  /** Picks a choice by its text, as a citizen does (survey-core's radios are visually hidden behind it). */
  async choose(question: string, choice: string): Promise<void> {
    const group = this.group(question);
    await group.getByText(choice, { exact: true }).click();
    if (!(await group.getByRole('radio', { name: choice, exact: true }).isChecked())) throw new Error(`"${choice}" was not chosen`);
  }

  /** Gives a rating: the star or face titled with the score (their radios carry no name of their own). */
  async rate(question: string, score: number): Promise<void> {
    const group = this.group(question);
    await group.getByTitle(String(score), { exact: true }).click();
    if (
      !(await group
        .getByRole('radio')
        .nth(score - 1)
        .isChecked())
    )
      throw new Error(`${score} was not given`);
  }
}

/** A survey's public page (`/s/:id`, from the link, a QR code or an email), as a citizen sees it. */
export class PublicSurveyPage extends SurveyQuestions {
  async ready(): Promise<this> {
    await this.page.locator('#root[data-state="ready"]').waitFor();
    return this;
  }

  async title(): Promise<string> {
    return (await this.page.getByRole('heading', { level: 1 }).innerText()).trim();
  }

  /** The RGPD information shown before the questions. */
  async purpose(): Promise<string> {
    return this.page.getByRole('region', { name: 'Avant de commencer : vos données' }).innerText();
  }

  /** "Terminer", then the page's own thank-you once the service has the answer (or what stopped it). */
  async finish(): Promise<string> {
    await this.page.getByRole('button', { name: 'Terminer' }).click();
    const sent = this.page.locator('#root[data-state="sent"]');
    const refused = this.page.getByRole('alert');
    await sent.or(refused).first().waitFor();
    if (!(await sent.isVisible())) throw new Error(`the answer was not sent: ${await refused.first().innerText()}`);
    return this.page.getByRole('status').innerText();
  }
}

/** A kiosk (`/k/:id`): one question a screen, a thank-you, and an outbox that waits for the network. */
export class KioskScreen extends SurveyQuestions {
  async ready(): Promise<this> {
    await this.page.locator('#root[data-state="ready"]').waitFor();
    return this;
  }

  /** The service worker holds the page, its assets and its survey: the kiosk works without network from now. */
  async waitUntilOfflineReady(): Promise<void> {
    await this.page.locator('#root[data-offline-ready="true"]').waitFor();
  }

  async next(): Promise<void> {
    await this.page.getByRole('button', { name: 'Suivant' }).click();
  }

  /** "Terminer", the thank-you screen, then "Nouvelle réponse" for the next person. */
  async finishAndRestart(): Promise<void> {
    await this.page.getByRole('button', { name: 'Terminer' }).click();
    await this.page.locator('#root[data-state="thanks"]').waitFor();
    await this.page.getByRole('button', { name: 'Nouvelle réponse' }).click();
    await this.ready();
  }

  private get outboxStatus() {
    return this.page.getByRole('status').filter({ hasText: /hors ligne|en attente/ });
  }

  /** "hors ligne — 2 réponses en attente", or null once nothing waits and the network is back. */
  async outbox(): Promise<string | null> {
    return (await this.outboxStatus.count()) === 0 ? null : (await this.outboxStatus.innerText()).trim();
  }

  /** Waits until every waiting answer has been taken by the service. */
  async waitUntilSent(): Promise<void> {
    await this.outboxStatus.waitFor({ state: 'detached', timeout: 60_000 });
  }
}
