import type { Page } from 'playwright-core';
import { waitUntilReady } from '../support/session';

/** The sign-in screen shown when the workspace syncs with a central service. */
export class SignInPage {
  constructor(private readonly page: Page) {}

  async ready(): Promise<this> {
    await this.page.getByRole('heading', { level: 1, name: 'Connexion à Guichet' }).waitFor();
    return this;
  }

  /** Signs in and waits for the first sync to fill the replica (the workspace is then "ready"). */
  async signIn(email: string, password: string): Promise<void> {
    await this.page.getByRole('textbox', { name: 'Adresse de courriel' }).fill(email);
    await this.page.getByLabel(/^Mot de passe/).fill(password);
    await this.page.getByRole('button', { name: 'Se connecter' }).click();
    await waitUntilReady(this.page);
  }
}
