import { Onboarding } from "../features/onboarding/Onboarding";
import { AppDataProvider, useAppData } from "./appData";
import { BootError, LoadingScreen } from "./BootScreens";
import { ErrorsProvider } from "./errors";
import { Shell } from "./Shell";
import { UiProvider } from "./ui";
import { useBoot } from "./useBoot";

export function App() {
  return (
    <ErrorsProvider>
      <Boot />
    </ErrorsProvider>
  );
}

function Boot() {
  const { state, retry } = useBoot();
  if (state.status === "loading") return <LoadingScreen />;
  if (state.status === "failed") return <BootError error={state.error} onRetry={retry} />;
  return (
    <AppDataProvider initial={state.data}>
      <UiProvider>
        <Screens />
      </UiProvider>
    </AppDataProvider>
  );
}

function Screens() {
  const { activeWorkspace } = useAppData();
  return activeWorkspace ? <Shell workspace={activeWorkspace} /> : <Onboarding />;
}
