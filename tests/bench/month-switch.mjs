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

/** min, p50, p95 and max of `values`, as one line of text. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.round((sorted.length - 1) * p))];
  return `min ${sorted[0].toFixed(1)}, p50 ${at(0.5).toFixed(1)}, p95 ${at(0.95).toFixed(1)}, max ${sorted.at(-1).toFixed(1)} ms`;
}
