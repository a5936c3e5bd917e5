// The package ships CommonJS (`module.exports = getJoursFeries`) without types.
declare module '@socialgouv/jours-feries' {
  /**
   * French public holidays of a year, by French name. Dates are at local midnight of the running
   * process (`new Date(year, month, day)`), not UTC.
   */
  function getJoursFeries(year: number, options?: { alsace?: boolean }): Record<string, Date>;
  export = getJoursFeries;
}
