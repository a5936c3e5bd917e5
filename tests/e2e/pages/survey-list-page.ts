import type { Page } from 'playwright-core';
import { SurveyDesigner } from './survey-designer';

/** "Questionnaires": the surveys of the agent's departments, and "Nouveau questionnaire" for designers. */
export class SurveyListPage {
  private readonly main;

  constructor(private readonly page: Page) {
    this.main = page.getByRole('main');
  }

  async ready(): Promise<this> {
    await this.main.getByRole('heading', { level: 1, name: 'Questionnaires' }).waitFor();
    return this;
  }

  async startNewSurvey(): Promise<SurveyDesigner> {
    await this.main.getByRole('link', { name: 'Nouveau questionnaire' }).click();
    await this.main.getByRole('heading', { level: 1, name: 'Nouveau questionnaire' }).waitFor();
    return new SurveyDesigner(this.page).ready();
  }
}
