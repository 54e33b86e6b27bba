// Billing in the FinOps FOCUS format: upload an export (the file is posted as text/csv), see what was
// taken and what was not (by line), the rules that map charges to systems, and past imports to undo.
import { useId, useRef, useState, type FormEvent } from "react";
import type {
  ConnectorRule,
  FocusImport,
  FocusImportResult,
  Sighting,
} from "../../../../src/contract/connectors.js";
import type { System } from "../../../../src/contract/index.js";
import { connectorsApi } from "../../api/connectors.js";
import { formatDateTime, plural } from "../../lib/format.js";
import { useResource } from "../../lib/use-resource.js";
import { SelectField, TextField } from "../fields.js";
import { FormError, SubmitButton, useSubmission } from "../form.js";
import { EmptyState, ResourceView } from "../states.js";
import { ConfirmAction } from "./confirm.js";
import type { SharedResources } from "./resources.js";
import { RuleTable } from "./rule-table.js";
import { serviceOfChargeGroup } from "./setup-text.js";
import { TableRegion } from "./table-region.js";
import { systemOptions } from "./systems.js";

type RuleField = "tag" | "service" | "sku" | "model" | "account";
const RULE_FIELDS: Record<RuleField, string> = {
  tag: "A tag (Tags column)",
  service: "Service (ServiceName)",
  sku: "SKU (SkuId or SkuMeter)",
  model: "Model (from the SKU details)",
  account: "Account (SubAccountId or name)",
};

const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });

function Counts({ result }: { result: FocusImportResult }) {
  const cells: Array<[string, number]> = [
    ["Rows read", result.rows],
    [result.dryRun ? "Would be imported" : "Imported", result.imported],
    ["Already imported", result.duplicates],
    ["Unmapped", result.unmapped],
    ["Rejected", result.rejected],
  ];
  return (
    <dl className="connect-counts">
      {cells.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}

/** "ServiceName / SkuMeter" → a rule on the service, the usual way to map a bill's line. */
function ruleFor(group: string): RuleDraft {
  return { field: "service", key: "", pattern: serviceOfChargeGroup(group) };
}

function ImportResult({
  result,
  fileName,
  onRule,
}: {
  result: FocusImportResult;
  fileName: string;
  onRule: (draft: RuleDraft) => void;
}) {
  const tone = result.rejected > 0 || result.unmapped > 0 ? "warn" : "ok";
  return (
    <div className={`notice notice-${tone} focus-result`} role="status">
      <p>
        <strong>{result.dryRun ? `Checked ${fileName} (nothing stored).` : `Imported ${fileName}.`}</strong>{" "}
        {result.corrections > 0 && `${plural(result.corrections, "correction")} adjusted earlier days. `}
      </p>
      <Counts result={result} />
      {result.systems.length > 0 && (
        <ul className="plain-list">
          {result.systems.map((s) => (
            <li key={`${s.systemKey}-${s.currency}`}>
              <strong>{s.systemKey}</strong>: {money.format(s.cost)} {s.currency} over {plural(s.days, "day")}
              {s.tokens > 0 && `, ${s.tokens.toLocaleString()} tokens`}
            </li>
          ))}
        </ul>
      )}
      {result.unmappedGroups.length > 0 && (
        <>
          <p>Charges no rule maps to a system (add a rule below, then import again):</p>
          <ul className="plain-list">
            {result.unmappedGroups.map((g) => (
              <li key={g.name} className="sighting">
                <code>{g.name}</code> — {plural(g.rows, "row")}, {money.format(g.cost)} {g.currency}{" "}
                <button
                  type="button"
                  className="button button-secondary button-small"
                  onClick={() => onRule(ruleFor(g.name))}
                >
                  Write a rule<span className="visually-hidden"> for {g.name}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {result.problems.length > 0 && (
        <>
          <p>Rows that could not be read:</p>
          <ul className="plain-list problem-list">
            {result.problems.map((p) => (
              <li key={p.line}>
                Line {p.line}: {p.reason}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function Upload({ onImported, onRule }: { onImported: () => void; onRule: (draft: RuleDraft) => void }) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [dryRun, setDryRun] = useState(false);
  const [result, setResult] = useState<{ result: FocusImportResult; fileName: string } | null>(null);
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    setResult(null);
    await submission.run(async () => {
      const file = input.current?.files?.[0];
      if (!file) throw new Error("Choose a FOCUS export file (.csv or .csv.gz) first.");
      const answer = await connectorsApi.importFocus(file, dryRun);
      setResult({ result: answer, fileName: file.name });
      if (!answer.dryRun) onImported();
    });
  }
  return (
    <form className="form form-wide" onSubmit={submit} aria-labelledby="focus-upload-title">
      <h3 id="focus-upload-title">Upload a billing export</h3>
      <div className="field">
        <label htmlFor={id} className="field-label">
          FOCUS file (CSV)
        </label>
        <p id={`${id}-hint`} className="field-hint">
          From AWS Data Exports, Azure Cost Management or Google Cloud, in the FOCUS 1.x format. The same rows
          imported twice count once.
        </p>
        <input
          id={id}
          ref={input}
          className="input input-file"
          type="file"
          accept=".csv,.gz,text/csv"
          aria-describedby={`${id}-hint`}
        />
      </div>
      <label className="checkbox-inline">
        <input type="checkbox" checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} /> Only check
        the file, store nothing
      </label>
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission} busyText="Importing…">
          {dryRun ? "Check the file" : "Import the file"}
        </SubmitButton>
      </div>
      {result && <ImportResult result={result.result} fileName={result.fileName} onRule={onRule} />}
    </form>
  );
}

export interface RuleDraft {
  field: RuleField;
  key: string;
  pattern: string;
}
export const BLANK_RULE: RuleDraft = { field: "tag", key: "", pattern: "" };

function AddRule({
  systems,
  draft,
  onDraft,
  onAdded,
  formRef,
}: {
  systems: System[] | undefined;
  draft: RuleDraft;
  onDraft: (d: RuleDraft) => void;
  onAdded: () => void;
  formRef: React.RefObject<HTMLFormElement | null>;
}) {
  const { field, key, pattern } = draft;
  const [system, setSystem] = useState("");
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (!system) throw new Error("Choose the system these charges belong to.");
      await connectorsApi.addFocusRule({ field, key: field === "tag" ? key : null, pattern, system });
      onAdded();
    });
    if (ok) onDraft(BLANK_RULE);
  }
  return (
    <form className="form form-wide" onSubmit={submit} ref={formRef} aria-labelledby="focus-rule-title">
      <h4 id="focus-rule-title">Add a rule</h4>
      <div className="form-inline">
        <SelectField
          label="Match on"
          value={field}
          onChange={(e) => onDraft({ ...draft, field: e.target.value as RuleField })}
          options={(Object.keys(RULE_FIELDS) as RuleField[]).map((f) => ({
            value: f,
            label: RULE_FIELDS[f],
          }))}
        />
        {field === "tag" && (
          <TextField
            label="Tag key"
            hint="e.g. team"
            required
            value={key}
            onChange={(e) => onDraft({ ...draft, key: e.target.value })}
            error={submission.fieldError("key")}
          />
        )}
        <TextField
          label="Pattern"
          hint='Exact, or with *: "Amazon Bedrock*"'
          required
          value={pattern}
          onChange={(e) => onDraft({ ...draft, pattern: e.target.value })}
          error={submission.fieldError("pattern")}
        />
        <SelectField
          label="System"
          name="system"
          required
          value={system}
          onChange={(e) => setSystem(e.target.value)}
          options={systemOptions(systems, "Choose a system")}
          error={submission.fieldError("system")}
        />
      </div>
      <FormError submission={submission} />
      <div className="form-actions">
        <SubmitButton submission={submission}>Add the rule</SubmitButton>
      </div>
    </form>
  );
}

function UnmappedCharges({ items, onRule }: { items: Sighting[]; onRule: (draft: RuleDraft) => void }) {
  if (items.length === 0) return null;
  return (
    <div className="notice notice-warn">
      <p>
        <strong>{plural(items.length, "kind")} of charge mapped to no system in recent imports.</strong> They
        were not imported; write a rule, then import the file again.
      </p>
      <ul className="plain-list">
        {items.map((s) => (
          <li key={s.name} className="sighting">
            <code>{s.name}</code> — {plural(s.count, "row")}, last {formatDateTime(s.lastSeen)}{" "}
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onRule(ruleFor(s.name))}
            >
              Write a rule<span className="visually-hidden"> for {s.name}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function BillingRuleTable({ rules, onRemoved }: { rules: ConnectorRule[]; onRemoved: () => void }) {
  if (rules.length === 0) {
    return (
      <EmptyState title="No billing rules yet">
        Rows tagged <code>parley-system</code> with a system key need none. Add a rule for everything else,
        e.g. the service “Azure OpenAI” to the support assistant.
      </EmptyState>
    );
  }
  return (
    <RuleTable
      rules={rules}
      label="Billing rules, in the order they are tried"
      noun="rule"
      when={(r) => (
        <>
          {RULE_FIELDS[r.field as RuleField] ?? r.field}
          {r.key && (
            <>
              {" "}
              <code>{r.key}</code>
            </>
          )}
        </>
      )}
      afterRemoval="Charges already imported stay; later imports no longer use it."
      remove={connectorsApi.removeFocusRule}
      onRemoved={onRemoved}
    />
  );
}

function ImportTable({ imports, onUndone }: { imports: FocusImport[]; onUndone: () => void }) {
  if (imports.length === 0) {
    return (
      <EmptyState title="No billing imports yet">
        Upload a FOCUS export above to see daily cost per system.
      </EmptyState>
    );
  }
  return (
    <TableRegion label="Past billing imports, newest first">
      <table className="table">
        <caption className="visually-hidden">Past billing imports, newest first</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">When</th>
            <th scope="col" className="numeric">
              Rows
            </th>
            <th scope="col" className="numeric">
              Imported
            </th>
            <th scope="col" className="numeric">
              Unmapped
            </th>
            <th scope="col" className="numeric">
              Rejected
            </th>
            <th scope="col">Cost by system</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {imports.map((i) => (
            <tr key={i.id} className={i.undoneAt ? "row-muted" : undefined}>
              <th scope="row">{i.fileName}</th>
              <td>{formatDateTime(i.createdAt)}</td>
              <td className="numeric">{i.rows.toLocaleString()}</td>
              <td className="numeric">{i.imported.toLocaleString()}</td>
              <td className="numeric">{i.unmapped.toLocaleString()}</td>
              <td className="numeric">{i.rejected.toLocaleString()}</td>
              <td>
                {i.systems.length === 0
                  ? "—"
                  : i.systems.map((s) => `${s.systemKey} ${money.format(s.cost)} ${s.currency}`).join("; ")}
              </td>
              <td className="actions">
                {i.undoneAt ? (
                  <span className="muted small">Undone {formatDateTime(i.undoneAt)}</span>
                ) : (
                  <ConfirmAction
                    label="Undo"
                    what={`import ${i.fileName}`}
                    question={`Undo the import of ${i.fileName}? Its charges are removed and the days recomputed.`}
                    confirmText="Yes, undo it"
                    busyText="Undoing…"
                    onConfirm={async () => {
                      await connectorsApi.undoFocusImport(i.id);
                      onUndone();
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableRegion>
  );
}

export function FocusSection({
  systems,
  imports,
}: {
  systems: System[] | undefined;
  imports: SharedResources["imports"];
}) {
  const rules = useResource("focus-rules", (signal) => connectorsApi.focusRules({ signal }));
  const unmapped = useResource("focus-unmapped", (signal) => connectorsApi.focusUnmapped({ signal }));
  const [draft, setDraft] = useState<RuleDraft>(BLANK_RULE);
  const formRef = useRef<HTMLFormElement>(null);
  function writeRule(next: RuleDraft) {
    setDraft(next);
    // After the form shows the draft: bring it into view and let the reader pick the system.
    requestAnimationFrame(() => {
      formRef.current?.scrollIntoView({ block: "center" });
      formRef.current?.querySelector<HTMLSelectElement>('select[name="system"]')?.focus();
    });
  }
  return (
    <section className="card connect-section" id="billing" aria-labelledby="billing-title">
      <h2 id="billing-title">Billing (FOCUS)</h2>
      <p className="page-lede">
        The cloud and AI bills, as they were charged: daily cost per system and currency, never converted.
        Bills in the FinOps FOCUS format come from every large cloud.
      </p>
      <div className="stack stack-tight">
        <Upload
          onImported={() => {
            imports.reload();
            unmapped.reload();
          }}
          onRule={writeRule}
        />
        <div>
          <h3>Which system a charge belongs to</h3>
          <p className="muted">
            A <code>parley-system</code> tag naming a system key first; then these rules, exact patterns
            before patterns with *.
          </p>
          <ResourceView resource={rules} label="billing rules">
            {(data) => <BillingRuleTable rules={data.items} onRemoved={rules.reload} />}
          </ResourceView>
          <ResourceView resource={unmapped} label="unmapped charges">
            {(data) => <UnmappedCharges items={data.items} onRule={writeRule} />}
          </ResourceView>
          <AddRule
            systems={systems}
            draft={draft}
            onDraft={setDraft}
            formRef={formRef}
            onAdded={() => {
              rules.reload();
              unmapped.reload();
            }}
          />
        </div>
        <div>
          <h3>Past imports</h3>
          <ResourceView resource={imports} label="past imports">
            {(data) => <ImportTable imports={data.items} onUndone={imports.reload} />}
          </ResourceView>
        </div>
      </div>
    </section>
  );
}
