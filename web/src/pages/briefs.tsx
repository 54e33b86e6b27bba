// Briefs in two voices: the same live data written for leadership (outcomes, money, trust,
// decisions) or for engineering (failure modes, gaps, and what leadership said), for one system or
// the whole portfolio, over a period. Choices live in the address, so a brief can be shared as a link.
import { useMemo } from "react";
import type { Voice } from "../../../src/contract/briefs.js";
import { api, briefFileUrl, type BriefParams } from "../api/endpoints.js";
import { BriefView } from "../components/brief-view.js";
import { RadioGroup, SelectField, TextField } from "../components/fields.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { ResourceView } from "../components/states.js";
import { todayIso } from "../lib/format.js";
import { STAGE_LABEL, VOICE_HINT, VOICE_LABEL, VOICES } from "../lib/labels.js";
import { navigate, useLocation } from "../lib/router.js";
import { useResource } from "../lib/use-resource.js";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function BriefsPage() {
  const { search } = useLocation();
  const voice: Voice = search.get("voice") === "engineering" ? "engineering" : "leadership";
  const system = search.get("system") ?? "";
  const from = ISO_DATE.test(search.get("from") ?? "") ? (search.get("from") as string) : "";
  const to = ISO_DATE.test(search.get("to") ?? "") ? (search.get("to") as string) : "";
  useTitle(`${VOICE_LABEL[voice]} brief`);

  const portfolio = useResource("portfolio", (signal) => api.portfolio({ signal }));
  const systems = useMemo(
    () => new Map((portfolio.data?.systems ?? []).map((s) => [s.key, s.name])),
    [portfolio.data],
  );
  const params: BriefParams = {
    voice,
    system: system || undefined,
    from: from || undefined,
    to: to || undefined,
  };
  const brief = useResource(`brief:${voice}:${system}:${from}:${to}`, (signal) =>
    api.brief(params, { signal }),
  );

  function setParam(name: string, value: string) {
    const next = new URLSearchParams(search);
    if (value) next.set(name, value);
    else next.delete(name);
    const text = next.toString();
    navigate(text ? `/briefs?${text}` : "/briefs", { replace: true, keepScroll: true });
  }

  const fileBase = `parley-${voice}-brief-${system || "portfolio"}-${to || todayIso()}`;
  const choices = (portfolio.data?.systems ?? [])
    .slice()
    .sort(
      (a, b) => Number(a.stage === "retired") - Number(b.stage === "retired") || a.name.localeCompare(b.name),
    );

  return (
    <div className="page">
      <PageHeader
        title="Briefs"
        eyebrow={system ? (systems.get(system) ?? system) : "All systems"}
        actions={
          <>
            <a
              className="button button-secondary"
              href={briefFileUrl(params, "md")}
              download={`${fileBase}.md`}
            >
              Download Markdown
            </a>
            <a
              className="button button-primary"
              href={briefFileUrl(params, "pdf")}
              download={`${fileBase}.pdf`}
            >
              Download PDF
            </a>
          </>
        }
      >
        <p>
          The same live data, written for the side that reads it. Exported as Markdown or PDF for a meeting.
        </p>
      </PageHeader>
      <form
        className="filters brief-controls"
        aria-label="Choose the brief"
        onSubmit={(e) => e.preventDefault()}
      >
        <RadioGroup
          legend="Written for"
          name="voice"
          layout="row"
          value={voice}
          onChange={(v) => setParam("voice", v === "leadership" ? "" : v)}
          options={VOICES.map((v) => ({ value: v, label: VOICE_LABEL[v], hint: VOICE_HINT[v] }))}
        />
        <SelectField
          label="Scope"
          value={system}
          onChange={(e) => setParam("system", e.target.value)}
          options={[
            { value: "", label: "All systems (the portfolio)" },
            ...choices.map((s) => ({
              value: s.key,
              label: `${s.name} (${STAGE_LABEL[s.stage].toLowerCase()})`,
            })),
          ]}
        />
        <TextField
          label="From"
          type="date"
          hint="Empty: 30 days before the end"
          value={from}
          max={to || undefined}
          onChange={(e) => setParam("from", e.target.value)}
        />
        <TextField
          label="To"
          type="date"
          hint="Empty: today"
          value={to}
          min={from || undefined}
          onChange={(e) => setParam("to", e.target.value)}
        />
      </form>
      <p className="visually-hidden" aria-live="polite">
        {brief.status === "ready" && !brief.reloading ? `Showing: ${brief.data.title}` : ""}
      </p>
      <ResourceView resource={brief} label="the brief">
        {(data) => <BriefView brief={data} systems={systems} />}
      </ResourceView>
    </div>
  );
}
