import { useEffect, useState } from "react";
import { AlertIcon } from "../components/icons";
import { LogoMark } from "../components/LogoMark";
import type { IpcError } from "../lib/ipc/client";
import "./BootScreens.css";

/** Shown while the first data loads; appears only if that takes a moment. */
export function LoadingScreen() {
  const [show, setShow] = useState(false);
  useEffect(() => {
    const timer = setTimeout(() => setShow(true), 250);
    return () => clearTimeout(timer);
  }, []);
  return (
    <div className="boot-screen" aria-busy="true">
      {show && (
        <div className="boot-loading" role="status">
          <LogoMark size={32} />
          <span className="spinner" aria-hidden="true" />
          <span className="visually-hidden">Loading Chorus…</span>
        </div>
      )}
    </div>
  );
}

export function BootError({ error, onRetry }: { error: IpcError; onRetry: () => void }) {
  return (
    <div className="boot-screen">
      <div className="boot-error" role="alert">
        <AlertIcon size={28} className="boot-error-icon" />
        <h1>Chorus could not open your data</h1>
        <p className="boot-error-message">{error.message}</p>
        <button type="button" className="button button-primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
