import { v5 as uuidv5 } from 'uuid';

/**
 * Themes on feedback cases (docs/surveys.md, "Feedback themes"): one theme whatever its case, accents or
 * spacing (`Horaires`, `horaires`, ` HORAIRES `), so a theme is on a case once and counts once.
 */

/** Lower case, accents off, inner spaces collapsed, ends trimmed: what makes two spellings one theme. */
export function themeKey(theme: string): string {
  return theme
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** The namespace of case tag ids (a fixed random UUID; changing it would orphan every tag). */
const caseTagNamespace = '6f1c2d8e-3b7a-4c51-9e0d-52a4b1f7c3e9';

/**
 * A case tag's id: the case's and the theme's (its key), the same on every workspace and on the central
 * service. Two agents tagging one case "Horaires" offline write the same row, and re-adding a theme taken
 * off brings its row back instead of adding another.
 */
export function caseTagId(caseId: string, theme: string): string {
  return uuidv5(`${caseId}\n${themeKey(theme)}`, caseTagNamespace);
}
