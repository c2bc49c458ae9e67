import "@testing-library/jest-dom/vitest";
import { clearMocks, mockWindows } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/react";
import { afterEach, beforeEach } from "vitest";

beforeEach(() => {
  mockWindows("main");
});

afterEach(() => {
  cleanup();
  clearMocks();
  document.documentElement.removeAttribute("data-theme");
});
