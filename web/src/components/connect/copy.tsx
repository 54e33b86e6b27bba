// Values people copy into a terminal or a config file: a secret shown once, and ready-to-paste
// snippets. The copy button says whether it worked; where the browser blocks the clipboard, the text
// is selectable so the keyboard can copy it.
import { useEffect, useId, useRef, useState } from "react";

function useCopy(text: string) {
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      setCopied("no");
    }
  }
  return { copied, copy: () => void copy() };
}

function CopyStatus({ copied }: { copied: "yes" | "no" | null }) {
  return (
    <span role="status" className="copy-status">
      {copied === "yes"
        ? "Copied."
        : copied === "no"
          ? "Copying is blocked here: select the text and copy it with the keyboard."
          : ""}
    </span>
  );
}

/** A one-line value (e.g. a token) in a read-only field with a copy button. */
export function CopyValue({ label, value, focus }: { label: string; value: string; focus?: boolean }) {
  const id = useId();
  const { copied, copy } = useCopy(value);
  const input = useRef<HTMLInputElement>(null);
  // A secret shown once gets the focus, selected, so it can be copied straight away.
  useEffect(() => {
    if (focus) input.current?.focus();
  }, [focus, value]);
  return (
    <div className="copy-value">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="copy-row">
        <input
          ref={input}
          id={id}
          className="input input-mono"
          readOnly
          value={value}
          onFocus={(e) => e.target.select()}
        />
        <button type="button" className="button button-secondary" onClick={copy}>
          Copy<span className="visually-hidden"> {label}</span>
        </button>
      </div>
      <CopyStatus copied={copied} />
    </div>
  );
}

/** A multi-line snippet (shell, YAML) with a caption and a copy button. */
export function Snippet({ title, code }: { title: string; code: string }) {
  const id = useId();
  const { copied, copy } = useCopy(code);
  return (
    <figure className="snippet" aria-labelledby={id}>
      <figcaption className="snippet-head">
        <span id={id} className="snippet-title">
          {title}
        </span>
        <span className="snippet-tools">
          <CopyStatus copied={copied} />
          <button type="button" className="button button-ghost button-small" onClick={copy}>
            Copy<span className="visually-hidden"> {title}</span>
          </button>
        </span>
      </figcaption>
      {/* Focusable so keyboard users can scroll a long line and select the text. */}
      <pre className="snippet-code" tabIndex={0} aria-label={title}>
        <code>{code}</code>
      </pre>
    </figure>
  );
}
