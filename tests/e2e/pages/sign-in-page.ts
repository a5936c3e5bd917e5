import type { Page } from 'playwright-core';
import { waitUntilReady } from '../support/session';

/** The sign-in screen shown when the workspace syncs with a central service. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<this> {
    await this.page.getByRole('heading', { level: 1, name: 'Connexion à Guichet' }).waitFor();
    return this;
  }

  private get demoAccountsSection() {
    return this.page.getByRole('region', { name: 'Comptes de démonstration' });
  }

  /** The demo accounts a demo central service names under the form, as their buttons are labelled. */
  async demoAccounts(): Promise<string[]> {
    await this.demoAccountsSection.waitFor();
    const buttons = await this.demoAccountsSection.getByRole('button').all();
    return Promise.all(buttons.map(async (button) => (await button.getAttribute('aria-label')) ?? ''));
  }

  /** Picks a named demo account (filling the form with it), then signs in as {@link signIn} does. */
  async signInAsDemoAccount(name: string): Promise<void> {
    await this.demoAccountsSection.getByRole('button', { name: new RegExp(`^Remplir avec le compte de ${name} \\(`) }).click();
    await this.submit();
  }

  /**
   * Signs in and waits for the first sync to fill the replica and the workspace to be up. The sign-in
   * screen itself is "ready" too: waiting for readiness alone returned while it was still on screen.
   */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Adresse de courriel' }).fill(email);
    await this.page.getByLabel(/^Mot de passe/).fill(password);
    await this.submit();
  }

  private async submit(): Promise<void> {
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
    // The first sync brings the whole demo city: longer than a click's wait on a loaded machine.
    await waitUntilReady(this.page, 'workspace', { timeout: 100_000 });
  }
}
