/**
 * Spaces calls per key (a Slack channel): each starts at least `minIntervalMs` after the previous
 * one for that key started, one at a time, in the order they were queued. Slack allows about one
 * message per second per channel and answers bursts with 429s; web-api retries those, but only
 * after the fact and by pausing every call of the client. Other keys are never held up.
 */
export interface ChannelPacer {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
}

export function createChannelPacer(minIntervalMs: number): ChannelPacer {
  const tails = new Map<string, Promise<unknown>>();
  const lastStart = new Map<string, number>();

  const waitTurn = async (key: string): Promise<void> => {
    const wait = (lastStart.get(key) ?? -Infinity) + minIntervalMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastStart.set(key, Date.now());
  };

  return {
    run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(() => waitTurn(key)).then(task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // Forget an idle key's queue; its last start time stays so the next call is still spaced.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
  };
}
