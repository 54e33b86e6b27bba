// The state of the connections in three sentences, for readers who will not wire anything: is data
// being refused, is cost undercounted, when did the bills last come in.
import { formatDate, plural } from "../../lib/format.js";
import { Chip } from "../chips.js";
import type { SharedResources } from "./resources.js";

type State = "ok" | "warn" | "none";
const CHIP: Record<State, { tone: "ok" | "warn" | "neutral"; icon: string; label: string }> = {
  ok: { tone: "ok", icon: "✓", label: "Fine" },
  warn: { tone: "warn", icon: "▲", label: "Needs a look" },
  none: { tone: "neutral", icon: "○", label: "Not yet" },
};

function Line({ state, children, href }: { state: State; children: React.ReactNode; href: string }) {
  const chip = CHIP[state];
  return (
    <li>
      <Chip tone={chip.tone} icon={chip.icon}>
        {chip.label}
      </Chip>{" "}
      <a href={href}>{children}</a>
    </li>
  );
}

export function AtAGlance({ shared }: { shared: SharedResources }) {
  const refused = shared.refusedServices.data?.items;
  const unpriced = shared.unpricedModels.data?.items;
  const imports = shared.imports.data?.items;
  if (!refused || !unpriced || !imports) return null;
  const last = imports.find((i) => !i.undoneAt);
  return (
    <section className="card connect-glance" aria-labelledby="glance-title">
      <h2 id="glance-title">At a glance</h2>
      <ul className="plain-list">
        <Line state={refused.length === 0 ? "ok" : "warn"} href="#opentelemetry">
          {refused.length === 0
            ? "No telemetry is being refused."
            : `${plural(refused.length, "service")} sent telemetry that belongs to no system yet, so it was not counted.`}
        </Line>
        <Line state={unpriced.length === 0 ? "ok" : "warn"} href="#prices">
          {unpriced.length === 0
            ? "Every AI model in use has a price, so cost is complete."
            : `${plural(unpriced.length, "model")} in use ${unpriced.length === 1 ? "has" : "have"} no price: AI cost shown is lower than it really is.`}
        </Line>
        <Line state={last ? "ok" : "none"} href="#billing">
          {last
            ? `Bills last imported on ${formatDate(last.createdAt)} (${last.fileName}).`
            : "No cloud or AI bills imported yet."}
        </Line>
      </ul>
    </section>
  );
}
