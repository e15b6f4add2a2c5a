import pLimit from "p-limit";

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
  const indexed = tasks.map((task, index) => ({ task, index }));
  const limit = pLimit(Math.max(1, concurrency));
  const runGroup = async (group: readonly { task: KeyedTask<T>; index: number }[]) => {
    for (const { task, index } of group) {
      try {
        outcomes[index] = { status: "done", value: await task.run() };
      } catch (error) {
        outcomes[index] = { status: "failed", error };
        return;
      }
    }
  };
  const groups = Map.groupBy(indexed, ({ task }) => task.key).values();
  await Promise.all([...groups].map((group) => limit(() => runGroup(group))));
  return outcomes;
}
