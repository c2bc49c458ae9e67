import { Dialog } from "../../components/Dialog";
import { AlertIcon, CheckIcon } from "../../components/icons";
import { fileName } from "../../lib/files";
import type { CsvImportReport } from "../../lib/ipc/client";
import { describeInstant } from "../calendar/calendarTime";

/** The dry run's answer: every row with its line, what it asks for, and what is wrong with it. */
export function CsvImportDialog({
  path,
  report,
  zone,
  busy,
  onImport,
  onClose,
}: {
  path: string;
  report: CsvImportReport;
  zone: string;
  busy: boolean;
  onImport: () => void;
  onClose: () => void;
}) {
  const total = report.rows.length;
  const good = total - report.rowsWithErrors;
  const ready = report.rowsWithErrors === 0 && total > 0;
  const summary =
    total === 0
      ? "The file has no rows of posts under its header line."
      : ready
        ? `All ${total === 1 ? "1 row is" : `${total} rows are`} fine. Nothing is created until you import.`
        : `${report.rowsWithErrors} of ${total} rows have errors. Nothing is imported until every row is right: fix the file and import it again.`;
  return (
    <Dialog title={`Import ${fileName(path)}`} description={summary} onClose={onClose} size="lg" testId="csv-report">
      <div className="csv-report-scroll">
        <table className="csv-report">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col">When ({zone})</th>
              <th scope="col">Channels</th>
              <th scope="col">Text</th>
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody>
            {report.rows.map((row) => {
              const ok = row.errors.length === 0;
              return (
                <tr
                  key={row.line}
                  className={ok ? "csv-row-ok" : "csv-row-bad"}
                  data-testid={`csv-row-${row.line}`}
                  data-ok={ok}
                >
                  <td className="csv-line">{row.line}</td>
                  <td>
                    {row.time
                      ? describeInstant(new Date(row.time), zone)
                      : row.errors.some((e) => e.startsWith("time "))
                        ? "—"
                        : "Draft (no time)"}
                  </td>
                  <td>{row.channels.join(", ") || "—"}</td>
                  <td className="csv-text">{row.text || "—"}</td>
                  <td>
                    {ok ? (
                      <span className="csv-ok" aria-label="OK">
                        <CheckIcon size={14} />
                      </span>
                    ) : (
                      <ul className="csv-errors" aria-label={`Errors on line ${row.line}`}>
                        {row.errors.map((e, i) => (
                          <li key={i}>
                            <AlertIcon size={12} />
                            <span>{e}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <div className="form-actions">
        <button type="button" className="button" onClick={onClose}>
          {ready ? "Cancel" : "Close report"}
        </button>
        {ready && (
          <button type="button" className="button button-primary" disabled={busy} onClick={onImport} data-autofocus>
            {busy ? "Importing…" : `Import ${good === 1 ? "1 post" : `${good} posts`}`}
          </button>
        )}
      </div>
    </Dialog>
  );
}
