// Labelled form controls. Every control has a visible label, an optional hint, and an error that is
// announced and tied to the control with aria-describedby.
import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from "react";

interface FieldText {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function FieldFrame({
  id,
  label,
  hint,
  error,
  required,
  children,
}: FieldText & { id: string; required?: boolean | undefined; children: ReactNode }) {
  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={id} className="field-label">
        {label}
        {required && <span className="field-required"> (required)</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  ...input
}: FieldText & Omit<InputHTMLAttributes<HTMLInputElement>, "id">) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={input.required}>
      <input
        id={id}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
}

export function TextArea({
  label,
  hint,
  error,
  ...input
}: FieldText & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, "id">) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={input.required}>
      <textarea
        id={id}
        className="input textarea"
        rows={input.rows ?? 3}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)}
        {...input}
      />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  hint,
  error,
  options,
  ...select
}: FieldText & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id"> & { options: Option[] }) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error} required={select.required}>
      <select
        id={id}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(`${id}-hint`, `${id}-error`, hint, error)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** Radio buttons in a fieldset; each option may carry a one-line explanation. */
export function RadioGroup<V extends string>({
  legend,
  name,
  value,
  options,
  onChange,
  hint,
  layout = "stack",
}: {
  legend: ReactNode;
  name: string;
  value: V | "";
  options: { value: V; label: ReactNode; hint?: ReactNode; disabled?: boolean }[];
  onChange: (value: V) => void;
  hint?: ReactNode;
  layout?: "stack" | "row";
}) {
  const id = useId();
  return (
    <fieldset className={`choice-group choice-${layout}`} aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <div className="choice-options">
        {options.map((o) => (
          <label key={o.value} className={`choice${value === o.value ? " choice-selected" : ""}`}>
            <input
              type="radio"
              name={name}
              value={o.value}
              checked={value === o.value}
              disabled={o.disabled}
              onChange={() => onChange(o.value)}
            />
            <span className="choice-text">
              <span className="choice-label">{o.label}</span>
              {o.hint && <span className="choice-hint">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function CheckboxGroup<V extends string>({
  legend,
  values,
  options,
  onChange,
  hint,
  layout = "row",
}: {
  legend: ReactNode;
  values: V[];
  options: { value: V; label: ReactNode; hint?: ReactNode }[];
  onChange: (values: V[]) => void;
  hint?: ReactNode;
  layout?: "stack" | "row";
}) {
  const id = useId();
  function toggle(value: V, on: boolean) {
    onChange(on ? [...values, value] : values.filter((v) => v !== value));
  }
  return (
    <fieldset className={`choice-group choice-${layout}`} aria-describedby={hint ? `${id}-hint` : undefined}>
      <legend className="field-label">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      <div className="choice-options">
        {options.map((o) => (
          <label key={o.value} className={`choice${values.includes(o.value) ? " choice-selected" : ""}`}>
            <input
              type="checkbox"
              value={o.value}
              checked={values.includes(o.value)}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <span className="choice-text">
              <span className="choice-label">{o.label}</span>
              {o.hint && <span className="choice-hint">{o.hint}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
