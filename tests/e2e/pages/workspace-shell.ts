import type { Page } from 'playwright-core';
import { CaseListPage } from './case-list-page';
import { CitizenForm } from './citizen-form';
import { DeskPage } from './desk-page';
import { NewCasePage } from './new-case-page';
import { OutcomesPage } from './outcomes-page';
import { SearchDialog } from './search-dialog';
import { SignInPage } from './sign-in-page';
import { SurveyListPage } from './survey-list-page';

export type Language = 'fr' | 'en';

const languageButtons: Record<Language, string> = { fr: 'Français (FR)', en: 'English (EN)' };

/** What stays around every screen once an agent is at work: header, main navigation, search dialog. */
export class WorkspaceShell {
  constructor(private readonly page: Page) {}

  private get header() {
    return this.page.getByRole('banner');
  }

  private get navigation() {
    return this.page.getByRole('navigation', { name: 'Navigation principale' });
  }

  private navLink(name: string) {
    return this.navigation.getByRole('link', { name, exact: true });
  }

  async currentAgent(): Promise<string> {
    const label = await this.header.getByRole('button', { name: /^Agent connecté : / }).getAttribute('aria-label');
    return (label ?? '').replace(/^Agent connecté : /, '');
  }

  /**
   * Signs out from the agent menu and confirms; `keep` answers the question asked when changes could not be
   * sent. Resolves on the sign-in screen.
   */
  async signOut(options: { keep?: boolean } = {}): Promise<SignInPage> {
    await this.header.getByRole('button', { name: /^Agent connecté : / }).click();
    await this.page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Se déconnecter ?' });
    await dialog.getByRole('button', { name: 'Se déconnecter' }).click();
    if (options.keep === true) await dialog.getByRole('button', { name: 'Les garder et se déconnecter' }).click();
    return new SignInPage(this.page).ready();
  }

  async openDesk(): Promise<DeskPage> {
    await this.navLink('Accueil').click();
    return new DeskPage(this.page).ready();
  }

  async openCaseList(): Promise<CaseListPage> {
    await this.navLink('Demandes').click();
    return new CaseListPage(this.page).ready();
  }

  async startNewCase(): Promise<NewCasePage> {
    await this.navLink('Nouvelle demande').click();
    return new NewCasePage(this.page).ready();
  }

  async startNewCitizen(): Promise<CitizenForm> {
    await this.navLink('Nouvel usager').click();
    return new CitizenForm(this.page).ready();
  }

  async openSurveys(): Promise<SurveyListPage> {
    await this.navLink('Questionnaires').click();
    return new SurveyListPage(this.page).ready();
  }

  async openOutcomes(): Promise<OutcomesPage> {
    await this.navLink('Vous avez dit, nous avons fait').click();
    return new OutcomesPage(this.page).ready();
  }

  /** Ctrl+K, from wherever the focus is. */
  async openSearchWithShortcut(): Promise<SearchDialog> {
    await this.page.keyboard.press('Control+K');
    return new SearchDialog(this.page).ready();
  }

  async openSearchFromHeader(): Promise<SearchDialog> {
    await this.header.getByRole('searchbox', { name: 'Recherche globale (Ctrl+K)' }).click();
    return new SearchDialog(this.page).ready();
  }

  /** Presses the language's toggle button and waits until the page declares that language. */
  async chooseLanguage(language: Language): Promise<void> {
    await this.page.getByRole('button', { name: languageButtons[language], exact: true }).click();
    await this.page.waitForFunction((lang) => document.documentElement.lang === lang, language);
  }

  /** `<html lang>`, what screen readers and spell-checkers follow. */
  async documentLanguage(): Promise<string> {
    return this.page.evaluate(() => document.documentElement.lang);
  }

  async isLanguagePressed(language: Language): Promise<boolean> {
    const button = this.page.getByRole('button', { name: languageButtons[language], exact: true });
    return (await button.getAttribute('aria-pressed')) === 'true';
  }

  /** Labels of the main navigation, in the language on screen (they change with it). */
  async navigationLabels(): Promise<string[]> {
    return this.page.getByRole('navigation').first().getByRole('link').allInnerTexts();
  }
}
