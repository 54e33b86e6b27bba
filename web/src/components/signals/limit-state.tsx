import type { LimitState } from "../../../../src/contract/limits.js";
import { Chip, type Tone } from "../chips.js";

const STATE: Record<LimitState, { label: string; tone: Tone; icon: string }> = {
  ok: { label: "Within limit", tone: "ok", icon: "✓" },
  at_risk: { label: "At risk", tone: "warn", icon: "▲" },
  breached: { label: "Breached", tone: "danger", icon: "!" },
  no_data: { label: "No data", tone: "neutral", icon: "○" },
};

export function LimitStateChip({ state }: { state: LimitState }) {
  const s = STATE[state];
  return (
    <Chip tone={s.tone} icon={s.icon}>
      {s.label}
    </Chip>
  );
}
