import type { ReactNode } from "react";

interface SettingsSectionProps {
  id: string;
  title: string;
  description: ReactNode;
  children: ReactNode;
}

export function SettingsSection({ id, title, description, children }: SettingsSectionProps) {
  return (
    <section className="settings-section" aria-labelledby={id}>
      <div className="settings-section-intro">
        <h2 id={id} className="settings-section-title">
          {title}
        </h2>
        <p className="settings-section-description">{description}</p>
      </div>
      <div className="settings-section-body">{children}</div>
    </section>
  );
}
