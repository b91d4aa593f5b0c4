/**
 * Spaces calls per key (a Slack channel): each starts at least `minIntervalMs` after the previous
 * one for that key *finished*, one at a time, in the order they were queued. Slack allows about
 * one message per second per channel and answers bursts with 429s, which web-api retries only by
 * pausing every call of the client. Spacing from the start of a call is not enough: web-api may
 * queue a started call for a long time, so two calls could still reach Slack within a second.
 * Other keys are never held up.
 */
export interface ChannelPacer {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createChannelPacer(minIntervalMs: number): ChannelPacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastEnd = new Map<string, number>();

  const waitTurn = async (key: string): Promise<void> => {
    const wait = (lastEnd.get(key) ?? -Infinity) + minIntervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  };

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous
        .then(() => waitTurn(key))
        .then(task)
        .finally(() => lastEnd.set(key, Date.now()));
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // Forget an idle key's queue; its last end time stays so the next call is still spaced.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
