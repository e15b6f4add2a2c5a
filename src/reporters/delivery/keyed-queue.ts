export interface KeyedTask<T> {
  /** Tasks with the same key run one after another, in the order given. */
  key: string;
  run: () => Promise<T>;
}

export type KeyedOutcome<T> =
  | { status: "done"; value: T }
  | { status: "failed"; error: unknown }
  /** Not run, because an earlier task with the same key failed. */
  | { status: "skipped" };

/**
 * Runs tasks serialised per key (writes to one Jira issue never overlap) and at most
 * `concurrency` keys at a time. Outcomes come back in the order of `tasks`.
 */
export async function runSerialisedPerKey<T>(
  tasks: readonly KeyedTask<T>[],
  concurrency: number,
): Promise<KeyedOutcome<T>[]> {
  const outcomes: KeyedOutcome<T>[] = tasks.map(() => ({ status: "skipped" }));
  const groups = new Map<string, number[]>();
  tasks.forEach((task, index) => {
    const group = groups.get(task.key);
    if (group) group.push(index);
    else groups.set(task.key, [index]);
  });
  const queue = [...groups.values()];
  const worker = async (): Promise<void> => {
    for (let group = queue.shift(); group; group = queue.shift()) {
      for (const index of group) {
        const task = tasks[index];
        if (!task) continue;
        try {
          outcomes[index] = { status: "done", value: await task.run() };
        } catch (error) {
          outcomes[index] = { status: "failed", error };
          break;
        }
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(concurrency, queue.length)) }, worker),
  );
  return outcomes;
}
