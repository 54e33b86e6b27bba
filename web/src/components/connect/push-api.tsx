// Files and the push API: numbers from anywhere else (a warehouse job, a spreadsheet, a cron script)
// sent as points, with a curl line and the CLI line to copy.
import { Snippet } from "./copy.js";
import { pushExample } from "./setup-text.js";

const CLI_EXAMPLE = [
  "# t,v per line (or t,v,n,source,signal); bad rows are reported by line",
  "parley ingest cost.csv --signal support-assistant/cost_usd",
  "# Any CSV with your own column names (preview first with --dry-run):",
  "parley import csv spend.csv --signal support-assistant/cost_usd --time-column day --value-column cost",
].join("\n");

export function PushApiSection() {
  const origin = window.location.origin;
  return (
    <section className="card connect-section" id="files" aria-labelledby="files-title">
      <h2 id="files-title">Files and the push API</h2>
      <p className="page-lede">
        For numbers that come from somewhere else — a warehouse job, a spreadsheet, a nightly script — send
        them as points: a signal (<code>system/key</code>), a time and a value. Sending the same point twice
        changes nothing.
      </p>
      <div className="stack stack-tight">
        <Snippet
          title="Send points over HTTP (a token that may send data)"
          code={pushExample(origin, new Date())}
        />
        <Snippet title="Send a file from the command line" code={CLI_EXAMPLE} />
        <p>
          Every route, with its fields and errors: <a href="/api/docs">the API documentation</a>. Up to
          100,000 points per request, as a JSON array or NDJSON. The signal must exist first: create it with{" "}
          <code>POST /api/v1/systems/{"{system}"}/signals</code>, or let{" "}
          <code>parley import csv --create</code> create it.
        </p>
      </div>
    </section>
  );
}
