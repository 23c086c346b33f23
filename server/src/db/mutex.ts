/** A FIFO lock: lock() resolves to a release function once every earlier holder has released. */
export class Mutex {
  private tail: Promise<void> = Promise.resolve();

  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => { release = resolve; });
    const prev = this.tail;
    this.tail = prev.then(() => next);
    return prev.then(() => {
      let done = false;
      return () => { if (!done) { done = true; release(); } };
    });
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.lock();
    try { return await fn(); } finally { release(); }
  }
}
