import {
  createContext,
  useCallback,
  useContext,
  useMemo,
  useState,
  type ReactNode,
} from "react";
import { toIpcError, type IpcError } from "../lib/ipc/client";

interface ErrorsValue {
  /** The error the banner shows; null when there is none. */
  error: IpcError | null;
  /** Show a non-field error in the banner. Accepts any rejection reason. */
  showError: (reason: unknown) => void;
  dismissError: () => void;
}

const ErrorsContext = createContext<ErrorsValue | null>(null);

export function ErrorsProvider({ children }: { children: ReactNode }) {
  const [error, setError] = useState<IpcError | null>(null);
  const showError = useCallback((reason: unknown) => {
    setError(toIpcError(reason));
  }, []);
  const dismissError = useCallback(() => setError(null), []);
  const value = useMemo(
    () => ({ error, showError, dismissError }),
    [error, showError, dismissError],
  );
  return <ErrorsContext.Provider value={value}>{children}</ErrorsContext.Provider>;
}

export function useErrors(): ErrorsValue {
  const value = useContext(ErrorsContext);
  if (!value) throw new Error("useErrors must be used inside <ErrorsProvider>");
  return value;
}
