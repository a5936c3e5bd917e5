/**
 * The demo agents offered on a demo service's sign-in screen, one per way of working: the counter (every
 * department), a department's supervisor, a field agent, the administrator. All made by the city generator.
 */
export const featuredDemoEmails: readonly string[] = [
  'camille.accueil@rivebelle.example',
  'responsable.voirie@rivebelle.example',
  'terrain1.voirie@rivebelle.example',
  'nadia.admin@rivebelle.example',
];
