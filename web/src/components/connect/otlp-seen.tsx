// "Did it arrive?": the signals OpenTelemetry created for a system, with when data last came in.
// The receiver creates them on first sight, so an empty list means nothing has arrived yet.
import { useState } from "react";
import type { System } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { formatDateTime } from "../../lib/format.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { SelectField } from "../fields.js";
import { EmptyState, ResourceView } from "../states.js";
import { systemOptions } from "./systems.js";
import { TableRegion } from "./table-region.js";

function SystemSignals({ systemKey }: { systemKey: string }) {
  const signals = useResource(`otel-signals:${systemKey}`, async (signal) => {
    const { items } = await api.signals(systemKey, { signal });
    return items.filter((s) => s.key.startsWith("genai."));
  });
  return (
    <div aria-live="polite">
      <ResourceView resource={signals} label="signals">
        {(items) =>
          items.length === 0 ? (
            <EmptyState
              title="Nothing received for this system yet"
              action={
                <button type="button" className="button button-secondary" onClick={signals.reload}>
                  Check again
                </button>
              }
            >
              Signals appear here on the first GenAI span or metric that maps to this system.
            </EmptyState>
          ) : (
            <>
              <TableRegion label={`OpenTelemetry signals of ${systemKey}`}>
                <table className="table">
                  <caption className="visually-hidden">OpenTelemetry signals of {systemKey}</caption>
                  <thead>
                    <tr>
                      <th scope="col">Signal</th>
                      <th scope="col">Key</th>
                      <th scope="col">Newest data</th>
                      <th scope="col">Last received</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">{s.name}</th>
                        <td>
                          <code>{s.key}</code>
                        </td>
                        <td>{formatDateTime(s.lastPointAt)}</td>
                        <td>{formatDateTime(s.lastReceivedAt)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableRegion>
              <p className="form-actions">
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={signals.reload}
                >
                  Check again
                </button>{" "}
                <Link to={`/systems/${encodeURIComponent(systemKey)}/signals`}>
                  Open the system’s signals and charts
                </Link>
              </p>
            </>
          )
        }
      </ResourceView>
    </div>
  );
}

export function OtlpSeen({ systems }: { systems: System[] | undefined }) {
  const [systemKey, setSystemKey] = useState("");
  return (
    <div>
      <h3>4. Check that data arrives</h3>
      <div className="form-inline">
        <SelectField
          label="System to check"
          value={systemKey}
          onChange={(e) => setSystemKey(e.target.value)}
          options={systemOptions(systems, "Choose a system")}
        />
      </div>
      {systemKey && <SystemSignals key={systemKey} systemKey={systemKey} />}
    </div>
  );
}
