/**
 * The central service's public pages (no sign-in: citizens, kiosks), written once for the service's routes,
 * the pages' browser code (src-public) and the tests. docs/surveys.md, "Public pages", says what each reveals.
 */
export const publicPaths = {
  /** A survey's public page (`?t=` an emailed link's token, `?c=` a meeting's collector). */
  survey: (surveyId: string) => `/s/${surveyId}`,
  /** A kiosk collector's full-screen page, which works offline. */
  kiosk: (collectorId: string) => `/k/${collectorId}`,
  /** The kiosk's service worker: served under /k/ so that its scope covers every kiosk page. */
  kioskWorker: '/k/sw.js',
  /** An open survey's definition and purpose statement. */
  surveyApi: (surveyId: string) => `/api/public/surveys/${surveyId}`,
  /** A kiosk's survey, for its page (and its offline copy). */
  kioskApi: (collectorId: string) => `/api/public/kiosks/${collectorId}`,
  responses: (surveyId: string) => `/api/public/surveys/${surveyId}/responses`,
  /** The pages' built scripts and styles (vite's `base`). */
  assets: '/p/',
} as const;

/** The kiosk waits this long without a touch before it starts over (seconds; `?idle=` in its address). */
export const kioskIdle = { defaultSeconds: 90, minSeconds: 15, maxSeconds: 900 } as const;
