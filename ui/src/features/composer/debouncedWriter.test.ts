import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DebouncedWriter } from "./debouncedWriter";

describe("DebouncedWriter", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("writes once, 500 ms after the last change", () => {
    const write = vi.fn();
    const writer = new DebouncedWriter(write);
    writer.push("a");
    vi.advanceTimersByTime(300);
    writer.push("ab");
    vi.advanceTimersByTime(499);
    expect(write).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(write).toHaveBeenCalledExactlyOnceWith("ab");
  });

  it("does not wait more than a second while the user keeps typing", () => {
    const write = vi.fn();
    const writer = new DebouncedWriter(write);
    for (let i = 1; i <= 5; i++) {
      writer.push("x".repeat(i));
      vi.advanceTimersByTime(200);
    }
    // 1000 ms after the first change, mid-typing.
    expect(write).toHaveBeenCalledExactlyOnceWith("xxxxx");
    writer.push("xxxxxx");
    vi.advanceTimersByTime(500);
    expect(write).toHaveBeenLastCalledWith("xxxxxx");
    expect(write).toHaveBeenCalledTimes(2);
  });

  it("flushes at once when asked, and skips what is already saved", () => {
    const write = vi.fn();
    const writer = new DebouncedWriter(write);
    writer.settle("restored");
    writer.push("restored");
    vi.advanceTimersByTime(2000);
    expect(write).not.toHaveBeenCalled();
    writer.push("restored and more");
    expect(writer.hasPending).toBe(true);
    writer.flush();
    expect(write).toHaveBeenCalledExactlyOnceWith("restored and more");
    expect(writer.hasPending).toBe(false);
    vi.advanceTimersByTime(2000);
    expect(write).toHaveBeenCalledTimes(1);
    // Typed and undone before the write: nothing to save.
    writer.push("restored and more!");
    writer.push("restored and more");
    vi.advanceTimersByTime(2000);
    expect(write).toHaveBeenCalledTimes(1);
  });
});
