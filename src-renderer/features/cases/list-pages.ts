/** The case list is fetched by pages of 100 rows, only for the rows on screen (and a margin). */
export const PAGE_SIZE = 100;

/** Pages covering rows `first`…`last` (inclusive); always page 0, whose answer carries the total. */
export function pagesForRange(first: number, last: number, pageSize = PAGE_SIZE): number[] {
  const pages = new Set<number>([0]);
  if (last >= first && first >= 0) {
    for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize); page += 1) pages.add(page);
  }
  return [...pages].sort((a, b) => a - b);
}

export function pageOf(index: number, pageSize = PAGE_SIZE): { page: number; offset: number } {
  return { page: Math.floor(index / pageSize), offset: index % pageSize };
}
