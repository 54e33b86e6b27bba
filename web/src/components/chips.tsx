// Status chips. Every chip carries a text label and a shape; colour only reinforces it.
import type { ReactNode } from "react";
import type { RiskPosture, SafeguardKind, SafeguardStatus, Stage } from "../../../src/contract/index.js";
import {
  POSTURE_LABEL,
  SAFEGUARD_KIND_LABEL,
  SAFEGUARD_STATUS_LABEL,
  STAGE_LABEL,
  sideLabel,
} from "../lib/labels.js";
import { relativeDays } from "../lib/format.js";

export type Tone = "neutral" | "info" | "ok" | "warn" | "danger" | "calm" | "leadership" | "engineering";

export function Chip({
  tone = "neutral",
  icon,
  children,
  title,
}: {
  tone?: Tone;
  icon?: string;
  children: ReactNode;
  title?: string;
}) {
  return (
    <span className={`chip chip-${tone}`} title={title}>
      {icon && (
        <span className="chip-icon" aria-hidden="true">
          {icon}
        </span>
      )}
      {children}
    </span>
  );
}

const STAGE_ICON: Record<Stage, string> = {
  idea: "○",
  demo: "◔",
  pilot: "◑",
  production: "●",
  retired: "◌",
};

export function StageChip({ stage }: { stage: Stage }) {
  return (
    <span className={`chip stage stage-${stage}`}>
      <span className="chip-icon" aria-hidden="true">
        {STAGE_ICON[stage]}
      </span>
      {STAGE_LABEL[stage]}
    </span>
  );
}

export const POSTURE_TONE: Record<RiskPosture, Tone> = {
  undecided: "warn",
  accepted: "info",
  mitigating: "ok",
  avoided: "neutral",
  transferred: "neutral",
  deferred: "calm",
  expired: "danger",
  closed: "neutral",
};
const POSTURE_ICON: Record<RiskPosture, string> = {
  undecided: "?",
  accepted: "✓",
  mitigating: "◆",
  avoided: "⊘",
  transferred: "→",
  deferred: "◷",
  expired: "!",
  closed: "✕",
};

/** A risk's posture; for acceptances and deferrals it also says when the review is due. */
export function PostureChip({
  posture,
  expiresInDays,
}: {
  posture: RiskPosture;
  expiresInDays?: number | null;
}) {
  const soon =
    (posture === "accepted" || posture === "deferred") &&
    expiresInDays !== null &&
    expiresInDays !== undefined &&
    expiresInDays <= 30;
  return (
    <Chip tone={soon ? "warn" : POSTURE_TONE[posture]} icon={soon ? "◷" : POSTURE_ICON[posture]}>
      {POSTURE_LABEL[posture]}
      {soon && `, review ${relativeDays(expiresInDays)}`}
    </Chip>
  );
}

export function SideBadge({ side, children }: { side: string; children?: ReactNode }) {
  const tone: Tone =
    side === "leadership" ? "leadership" : side === "engineering" ? "engineering" : "neutral";
  return (
    <Chip tone={tone} icon={side === "leadership" ? "◆" : "▲"}>
      {children ?? sideLabel(side)}
    </Chip>
  );
}

const KIND_ICON: Record<SafeguardKind, string> = { prevent: "■", detect: "◉", limit: "▭", recover: "↺" };
export function SafeguardKindChip({ kind }: { kind: SafeguardKind }) {
  return (
    <Chip tone="neutral" icon={KIND_ICON[kind]}>
      {SAFEGUARD_KIND_LABEL[kind]}
    </Chip>
  );
}

const STATUS_TONE: Record<SafeguardStatus, Tone> = {
  planned: "calm",
  building: "info",
  live: "ok",
  verified: "ok",
};
const STATUS_ICON: Record<SafeguardStatus, string> = {
  planned: "○",
  building: "◐",
  live: "●",
  verified: "✓",
};
export function SafeguardStatusChip({ status }: { status: SafeguardStatus }) {
  return (
    <Chip tone={STATUS_TONE[status]} icon={STATUS_ICON[status]}>
      {SAFEGUARD_STATUS_LABEL[status]}
    </Chip>
  );
}
