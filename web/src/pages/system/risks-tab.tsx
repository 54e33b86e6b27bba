import { api } from "../../api/endpoints.js";
import { TermHelp } from "../../components/glossary.js";
import { RiskRegister } from "../../components/risks/risk-register.js";
import { ResourceView } from "../../components/states.js";
import { Link } from "../../lib/router.js";
import { useResource } from "../../lib/use-resource.js";
import { useSystem } from "./context.js";

export function RisksTab() {
  const { system, base } = useSystem();
  const risks = useResource(`risks:${system.id}`, (signal) =>
    api.risks({ systemId: system.id, limit: 500 }, { signal }),
  );
  return (
    <section aria-labelledby="risks-title">
      <div className="section-head">
        <h2 id="risks-title">
          Risks <TermHelp id="risk" />
        </h2>
        <Link to={`${base}/risks/new`} className="button button-primary">
          Propose a risk
        </Link>
      </div>
      <p className="muted">
        Engineering describes how it fails; leadership sees what it would cost. Engineering proposes,
        leadership decides. <TermHelp id="likelihood-impact" />
      </p>
      <ResourceView resource={risks} label="risks">
        {(page) => <RiskRegister risks={page.items} total={page.total} showSystem={false} />}
      </ResourceView>
    </section>
  );
}
