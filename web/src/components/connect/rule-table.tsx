// The table of a connector's mapping rules (OpenTelemetry mappings, billing rules): what each rule
// matches, the system it names, and a confirmed Remove. Each connector says how a rule's "when"
// reads and what removing it means.
import type { ReactNode } from "react";
import type { ConnectorRule } from "../../../../src/contract/connectors.js";
import { ConfirmAction } from "./confirm.js";
import { TableRegion } from "./table-region.js";

export function RuleTable({
  rules,
  label,
  noun,
  when,
  showOrder = false,
  afterRemoval,
  remove,
  onRemoved,
}: {
  rules: ConnectorRule[];
  /** The table's name, e.g. "Billing rules, in the order they are tried". */
  label: string;
  /** What one rule is called in the Remove button and question, e.g. "mapping". */
  noun: string;
  when: (rule: ConnectorRule) => ReactNode;
  showOrder?: boolean;
  /** The sentence after "Remove the … ?": what happens to data once it is gone. */
  afterRemoval: string;
  remove: (id: string) => Promise<unknown>;
  onRemoved: () => void;
}) {
  return (
    <TableRegion label={label}>
      <table className="table">
        <caption className="visually-hidden">{label}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Matches</th>
            <th scope="col">System</th>
            {showOrder && <th scope="col">Order</th>}
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.id}>
              <td>{when(r)}</td>
              <th scope="row">
                <code>{r.pattern}</code>
              </th>
              <td>{r.systemKey}</td>
              {showOrder && <td>{r.position}</td>}
              <td className="actions">
                <ConfirmAction
                  label="Remove"
                  what={`${noun} ${r.pattern}`}
                  question={`Remove the ${noun} “${r.pattern}” → ${r.systemKey}? ${afterRemoval}`}
                  confirmText="Yes, remove it"
                  busyText="Removing…"
                  onConfirm={async () => {
                    await remove(r.id);
                    onRemoved();
                  }}
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}
