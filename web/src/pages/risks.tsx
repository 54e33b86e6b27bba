// Every risk in the workspace on one register, with the heat map across all systems.
import { api, csvExportUrl } from "../api/endpoints.js";
import { TermHelp } from "../components/glossary.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { RiskRegister } from "../components/risks/risk-register.js";
import { ResourceView } from "../components/states.js";
import { useResource } from "../lib/use-resource.js";

export function RisksPage() {
  useTitle("Risks");
  const risks = useResource("risks:all", (signal) => api.risks({ limit: 500 }, { signal }));
  return (
    <div className="page">
      <PageHeader title="Risk register" eyebrow="All systems">
        <p>
          Every risk across the AI systems, with how it fails and what it would cost. Choose a cell in the
          heat map to see its risks. <TermHelp id="likelihood-impact" />
        </p>
        <p className="small">
          Download{" "}
          <a href={csvExportUrl("/risks")} download>
            the register (CSV)
          </a>{" "}
          ·{" "}
          <a href={csvExportUrl("/decisions")} download>
            every decision (CSV)
          </a>
        </p>
      </PageHeader>
      <ResourceView resource={risks} label="risks">
        {(page) => <RiskRegister risks={page.items} total={page.total} showSystem />}
      </ResourceView>
    </div>
  );
}
