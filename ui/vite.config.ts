import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The Tauri shell loads this dev server (devUrl) in development and the
// built `dist/` in release builds; the port must match tauri.conf.json.
export default defineConfig({
  plugins: [react()],
  clearScreen: false,
  server: {
    port: 5173,
    strictPort: true,
    // The text overlay's font lives with the renderer that uses it (chorus-core's assets).
    fs: { allow: [".", "../src-tauri/crates/chorus-media/assets/fonts"] },
  },
  envPrefix: ["VITE_", "TAURI_ENV_"],
  build: {
    // WebKitGTK on Linux; Safari 15 is the oldest WebKit we support.
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
  },
  test: {
    environment: "jsdom",
    setupFiles: ["./src/test/setup.ts"],
    restoreMocks: true,
  },
});
