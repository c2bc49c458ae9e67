import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../app/App";
import { installBackend, workspace, type FakeBackend } from "./fakeBackend";

/** Renders the app with two workspaces (Acme active) and waits for the overview. */
export async function renderShell(
  setup: (backend: FakeBackend) => void = () => undefined,
) {
  const backend = installBackend({
    workspaces: [workspace(1, "Acme Coffee", "Europe/Berlin"), workspace(2, "Bravo Bikes", "Asia/Tokyo")],
    preferences: { theme: "system", activeWorkspaceId: 1 },
  });
  setup(backend);
  const user = userEvent.setup();
  render(<App />);
  await screen.findByTestId("overview-title");
  return { backend, user };
}
