import type { ReactNode } from "react";
import { useAppData } from "../../app/appData";
import { MonitorIcon, MoonIcon, SunIcon } from "../../components/icons";
import type { Theme } from "../../lib/ipc/client";
import { SettingsSection } from "./SettingsSection";

const OPTIONS: { value: Theme; label: string; icon: ReactNode }[] = [
  { value: "system", label: "System", icon: <MonitorIcon /> },
  { value: "light", label: "Light", icon: <SunIcon /> },
  { value: "dark", label: "Dark", icon: <MoonIcon /> },
];

export function AppearanceSettings() {
  const { preferences, setTheme } = useAppData();
  return (
    <SettingsSection
      id="settings-appearance-title"
      title="Appearance"
      description="System follows your desktop's light or dark setting."
    >
      <div className="segmented" role="radiogroup" aria-labelledby="settings-appearance-title">
        {OPTIONS.map((option) => (
          <label key={option.value} className="segmented-option">
            <input
              type="radio"
              name="theme"
              value={option.value}
              checked={preferences.theme === option.value}
              onChange={() => void setTheme(option.value)}
            />
            <span className="segmented-face">
              {option.icon}
              {option.label}
            </span>
          </label>
        ))}
      </div>
    </SettingsSection>
  );
}
