// The in-page timing shared by calendar-render.mjs (Chromium) and calendar-render-app.mjs
// (WebKitGTK in the real app). Both hand `timeMonthSwitch` to the page as source (Playwright's
// evaluate, WebDriver's execute), so it must not use anything from this module's scope.

/**
 * Presses the Previous/Next month button and resolves with two figures, in ms from the click:
 * - `commit`: the new month is in the DOM (its title shows and more than 20 cards sit inside
 *   its own day cells, not the old month's on their way out), seen by a MutationObserver in the
 *   same task as React's commit, before the browser has styled, laid out or painted it;
 * - `painted`: two animation frames after the commit. The first frame's callbacks run before
 *   that frame's style, layout and paint; the second's run once the first has been drawn, so
 *   this counts the whole frame that shows the month.
 * Figures before 2 December 2026 polled once per frame for the commit, which added up to
 * one frame to `painted`.
 */
export function timeMonthSwitch(button, month, prefix) {
  return new Promise((resolve, reject) => {
    const ready = () =>
      document.querySelector('[data-testid="calendar-range-title"]')?.textContent.includes(month) &&
      document.querySelectorAll(`[data-testid=calendar-grid] [data-date^="${prefix}"] [data-post-id]`).length > 20;
    const nextFrame = () => new Promise((frame) => requestAnimationFrame(frame));
    let t0 = 0;
    const committed = () => {
      observer.disconnect();
      clearTimeout(timeout);
      const commit = performance.now() - t0;
      nextFrame()
        .then(nextFrame)
        .then(() => resolve({ commit, painted: performance.now() - t0 }));
    };
    // Once disconnected it is called no more, so it sees the commit once.
    const observer = new MutationObserver(() => {
      if (ready()) committed();
    });
    const timeout = setTimeout(() => {
      observer.disconnect();
      reject(new Error(`${month} was not drawn within 10 s of pressing ${button}`));
    }, 10_000);
    observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    t0 = performance.now();
    document.querySelector(`button[aria-label="${button}"]`).click();
  });
}

/**
 * The frame floor: ms for two animation frames in a row with nothing changed on the page, the
 * least `painted` can be above `commit` (one frame to reach the next frame boundary, one to draw).
 */
export function timeTwoFrames() {
  const nextFrame = () => new Promise((frame) => requestAnimationFrame(frame));
  const t0 = performance.now();
  return nextFrame()
    .then(nextFrame)
    .then(() => performance.now() - t0);
}

/** min, p50, p95 and max of `values`, as one line of text. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
  return `min ${sorted[0].toFixed(1)}, p50 ${at(0.5).toFixed(1)}, p95 ${at(0.95).toFixed(1)}, max ${sorted.at(-1).toFixed(1)} ms`;
}

/**
 * The shared bench run, for a page that shows `months[0]` (`{ name: "January 2027", prefix:
 * "2027-01" }`): switches Next to months[1] and Previous back, `warmup` times and then `runs`
 * times, then times `runs` idle frame pairs. `switchTo(button, month, prefix)` and `twoFrames()`
 * run timeMonthSwitch and timeTwoFrames in the engine under test. The warm-up switches are
 * reported too (the first ones are what a user sees on first opening the calendar), apart from
 * the measured ones (a page whose JIT and caches have warmed). Returns the lines to print.
 */
export async function benchMonthSwitches({ switchTo, twoFrames, months, warmup, runs, what }) {
  const sweep = async (count) => {
    const times = [];
    for (let i = 0; i < count; i++) {
      const [button, month] = i % 2 === 0 ? ["Next month", months[1]] : ["Previous month", months[0]];
      times.push(await switchTo(button, month.name, month.prefix));
    }
    return times;
  };
  // An even count ends on months[0] again, where the measured sweep starts.
  const cold = await sweep(warmup + (warmup % 2));
  const warm = await sweep(runs);
  const floor = [];
  for (let i = 0; i < runs; i++) floor.push(await twoFrames());
  const first = cold.slice(0, 3).map((t) => t.painted.toFixed(0)).join(", ");
  const label = `calendar render (${what})`;
  return [
    ...(cold.length ? [`${label}: first ${Math.min(3, cold.length)} switches (cold page) painted in ${first} ms, of ${cold.length} warm-up switches`] : []),
    `${label}, ${warm.length} switches after the warm-up: in the DOM ${summary(warm.map((t) => t.commit))}`,
    `${label}, ${warm.length} switches after the warm-up: painted ${summary(warm.map((t) => t.painted))}`,
    `${label}: frame floor (two frames, nothing changed) ${summary(floor)}`,
  ];
}
