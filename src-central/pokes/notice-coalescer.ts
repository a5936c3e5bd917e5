import { everyDepartment, type ChangeNotice } from '../bus';

/**
 * Sends change notices one at a time: those arriving while one is on its way leave together next, as one
 * notice (their departments, the last version). A push group's members finish together; one NOTIFY then
 * serves them all, and every instance pokes and loads once instead of once per push. Each caller's promise
 * settles when the notice carrying its change was sent.
 */
export function coalesceNotices(send: (notice: ChangeNotice) => Promise<void>): (notice: ChangeNotice) => Promise<void> {
  let sending = false;
  let next: { departments: Set<string>; version: number; waiters: { resolve: () => void; reject: (error: unknown) => void }[] } | null =
    null;
  const sendNext = () => {
    const batch = next;
    next = null;
    if (batch === null) {
      sending = false;
      return;
    }
    sending = true;
    const departments = batch.departments.has(everyDepartment) ? [everyDepartment] : [...batch.departments];
    send({ departments, version: batch.version })
      .then(
        () => batch.waiters.forEach((waiter) => waiter.resolve()),
        (error: unknown) => batch.waiters.forEach((waiter) => waiter.reject(error)),
      )
      .finally(sendNext);
  };
  return (notice) =>
    new Promise<void>((resolve, reject) => {
      next ??= { departments: new Set(), version: 0, waiters: [] };
      // An empty list means reference data: it concerns everyone, as '*' does.
      for (const department of notice.departments.length === 0 ? [everyDepartment] : notice.departments) next.departments.add(department);
      next.version = Math.max(next.version, notice.version);
      next.waiters.push({ resolve, reject });
      if (!sending) sendNext();
    });
}
