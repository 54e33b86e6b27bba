// Connect data: where the production numbers on the map come from. Engineers wire OpenTelemetry,
// prices and bills here without a terminal; everyone signed in can read it. The server lets every
// signed-in person use these routes (a session carries every scope), except that only admins may
// create tokens with the admin scope, so that is the one choice held back.
import { useEffect } from "react";
import { tokensApi } from "../api/tokens.js";
import { AtAGlance } from "../components/connect/at-a-glance.js";
import { FocusSection } from "../components/connect/focus.js";
import { OpenTelemetrySection } from "../components/connect/otel.js";
import { PricesSection } from "../components/connect/prices.js";
import { PushApiSection } from "../components/connect/push-api.js";
import { useSharedResources } from "../components/connect/resources.js";
import { useSystems } from "../components/connect/systems.js";
import { YourTokensSection } from "../components/connect/your-tokens.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { useResource } from "../lib/use-resource.js";

const SECTIONS = [
  { id: "opentelemetry", label: "OpenTelemetry" },
  { id: "prices", label: "Model prices" },
  { id: "billing", label: "Billing (FOCUS)" },
  { id: "files", label: "Files and the push API" },
  { id: "tokens", label: "Your API tokens" },
] as const;

export function ConnectPage() {
  useTitle("Connect data");
  const systems = useSystems();
  const tokens = useResource("api-tokens", (signal) => tokensApi.list({ signal }));
  const shared = useSharedResources();
  // The layout moves focus to a page's heading after navigation, but this page loads later (lazily),
  // so it does that itself when the reader came from the main navigation.
  useEffect(() => {
    if (!document.activeElement?.closest('nav[aria-label="Main"]')) return;
    const heading = document.querySelector<HTMLElement>("main h1");
    heading?.setAttribute("tabindex", "-1");
    heading?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page">
      <PageHeader title="Connect data" eyebrow="Workspace">
        <p>
          Where the production numbers on the map come from: usage, errors, speed, quality and cost of each AI
          system, sent by its applications and its bills. Engineers connect them here; every change is
          recorded in the timeline with who made it.
        </p>
      </PageHeader>
      <div className="stack">
        <AtAGlance shared={shared} />
        <nav aria-label="On this page" className="connect-nav">
          <ul>
            {SECTIONS.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`}>{s.label}</a>
              </li>
            ))}
          </ul>
        </nav>
        <OpenTelemetrySection
          systems={systems.data}
          refused={shared.refusedServices}
          onTokenCreated={tokens.reload}
        />
        <PricesSection missing={shared.unpricedModels} />
        <FocusSection systems={systems.data} imports={shared.imports} />
        <PushApiSection />
        <YourTokensSection tokens={tokens} />
      </div>
    </div>
  );
}

/** The default export lets app.tsx load this page on first use (React.lazy). */
export default ConnectPage;
