// Whether a background task (lib/db/background-tasks.ts) is done, as readers ask it on
// every request: looked up at most every RECHECK_MS per database client, and never again
// once done (a task does not come undone). Readers use it to fall back to the slower, exact
// way of answering until a backfill has reached every row.

const RECHECK_MS = 10_000;
const checks = new WeakMap<object, Map<string, { at: number; done: Promise<boolean> }>>();

export function taskDoneCached(client: object, task: string, lookup: () => Promise<boolean>): Promise<boolean> {
  let byTask = checks.get(client);
  if (!byTask) checks.set(client, (byTask = new Map()));
  const cached = byTask.get(task);
  if (cached && Date.now() - cached.at < RECHECK_MS) return cached.done;
  const done = lookup().catch(() => false);
  byTask.set(task, { at: Date.now(), done });
  void done.then((yes) => yes && byTask.set(task, { at: Infinity, done }));
  return done;
}
