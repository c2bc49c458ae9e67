import { useCallback, useEffect, useState } from "react";
import { useErrors } from "../../app/errors";
import * as ipc from "../../lib/ipc/client";
import type { AppInfo } from "../../lib/ipc/client";

type State = { status: "loading" } | { status: "failed" } | { status: "ready"; info: AppInfo };

export function useAppInfo() {
  const { showError } = useErrors();
  const [state, setState] = useState<State>({ status: "loading" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    ipc.appInfo().then(
      (info) => {
        if (!cancelled) setState({ status: "ready", info });
      },
      (reason: unknown) => {
        if (cancelled) return;
        setState({ status: "failed" });
        showError(reason);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [attempt, showError]);

  const retry = useCallback(() => {
    setState({ status: "loading" });
    setAttempt((n) => n + 1);
  }, []);
  return { state, retry };
}
