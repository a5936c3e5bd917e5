import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

export interface BlockingViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** axe-core on the whole page as it is now; keeps what blocks someone: impact serious or critical. */
export async function blockingViolations(page: Page): Promise<BlockingViolation[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
}

/** One line per violation, with the elements it was found on: what a failing assertion prints. */
export function describeViolations(violations: readonly BlockingViolation[]): string {
  return violations
    .map((violation) => `${violation.impact} ${violation.id} (${violation.help}): ${violation.targets.join(', ')}`)
    .join('\n');
}
