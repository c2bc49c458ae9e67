// Autosave's timing: a value is written `delay` ms after the last change, but never later than
// `maxWait` ms after the first unsaved one, so steady typing is still saved every second.

export interface Timers {
  set: (fn: () => void, ms: number) => unknown;
  clear: (handle: unknown) => void;
  now: () => number;
}

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  now: () => Date.now(),
};

export class DebouncedWriter {
  private pending: string | null = null;
  private since = 0;
  private handle: unknown = null;
  private last: string | null = null;

  constructor(
    private write: (value: string) => void,
    private readonly delay = 500,
    private readonly maxWait = 1000,
    private readonly timers: Timers = browserTimers,
  ) {}

  /** Replaces the write callback (a React component hands in one that sees its latest props). */
  setWrite(write: (value: string) => void): void {
    this.write = write;
  }

  /** `value` is what is on disk now (restored, or just saved elsewhere): nothing to write. */
  settle(value: string | null): void {
    this.cancel();
    this.last = value;
  }

  push(value: string): void {
    if (value === this.last) {
      // Typed and undone before the write: nothing changed on disk.
      this.cancel();
      return;
    }
    if (value === this.pending) return;
    const now = this.timers.now();
    if (this.pending === null) this.since = now;
    this.pending = value;
    if (this.handle !== null) this.timers.clear(this.handle);
    const wait = Math.max(0, Math.min(this.delay, this.since + this.maxWait - now));
    this.handle = this.timers.set(() => this.flush(), wait);
  }

  /** Writes the pending value at once (the window is closing). */
  flush(): void {
    if (this.pending === null) return;
    const value = this.pending;
    this.cancel();
    this.last = value;
    this.write(value);
  }

  get hasPending(): boolean {
    return this.pending !== null;
  }

  private cancel(): void {
    if (this.handle !== null) this.timers.clear(this.handle);
    this.handle = null;
    this.pending = null;
  }
}
