import type { ReactNode } from "react";

const numbers = new Intl.NumberFormat();

interface StatCardProps {
  label: string;
  value: number | null;
  icon: ReactNode;
  testId: string;
}

export function StatCard({ label, value, icon, testId }: StatCardProps) {
  return (
    <div className="stat-card" data-testid={testId}>
      <div className="stat-card-head">
        <span className="stat-card-icon">{icon}</span>
        <span className="stat-card-label">{label}</span>
      </div>
      <div className={value === null ? "stat-card-value is-loading" : "stat-card-value"}>
        {value === null ? "–" : numbers.format(value)}
      </div>
    </div>
  );
}
