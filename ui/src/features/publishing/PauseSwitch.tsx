import { usePublishing } from "../../app/publishing";
import "./PauseSwitch.css";

/**
 * The crisis switch: one click stops everything from going out (scheduled
 * times are kept). The tray can flip it too; `pausedChanged` keeps it in sync.
 */
export function PauseSwitch() {
  const { paused, setPaused } = usePublishing();
  const on = paused === true;
  return (
    <div className={on ? "pause-card pause-card-on" : "pause-card"} data-testid="pause-card">
      <button
        type="button"
        role="switch"
        aria-checked={on}
        aria-describedby="pause-status"
        className="pause-switch"
        data-testid="pause-switch"
        disabled={paused === null}
        onClick={() => void setPaused(!on)}
      >
        <span className="pause-switch-label">Pause all publishing</span>
        <span className="switch-track" aria-hidden="true">
          <span className="switch-thumb" />
        </span>
      </button>
      <p id="pause-status" className="pause-status" data-testid="pause-status" aria-live="polite">
        {paused === null ? "" : on ? "Publishing paused — nothing will go out" : "Posts go out on schedule"}
      </p>
    </div>
  );
}
