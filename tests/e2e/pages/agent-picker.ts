import type { Page } from 'playwright-core';
import { literal } from '../support/accessible';
import { waitUntilReady } from '../support/session';
import { DeskPage } from './desk-page';

/** "Qui travaille à ce poste ?": the first screen of a workspace where nobody is at work yet. */
export class AgentPicker {
  constructor(private readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Qui travaille à ce poste ?' });
  }

  private get search() {
    return this.page.getByRole('searchbox', { name: 'Rechercher un agent' });
  }

  /** Each agent is a button whose name starts with the agent's name, then their email and roles. */
  private agentButton(name: string) {
    return this.page.getByRole('button', { name: new RegExp(`^${literal(name)} `) });
  }

  async ready(): Promise<this> {
    await this.heading.waitFor();
    return this;
  }

  async filterAgents(text: string): Promise<void> {
    await this.search.fill(text);
  }

  /** Works as that agent: the workspace opens on the desk, the agent named in the header. */
  async chooseAgent(name: string): Promise<DeskPage> {
    await this.filterAgents(name);
    await this.agentButton(name).click();
    await this.page.getByRole('button', { name: `Agent connecté : ${name}` }).waitFor();
    await waitUntilReady(this.page, 'workspace');
    return new DeskPage(this.page).ready();
  }
}
