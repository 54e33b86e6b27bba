// "5 of 7 read back": the bar is decoration; the sentence carries the meaning.
export function AlignmentMeter({
  readBack,
  asked,
  disagreements = 0,
  compact = false,
}: {
  readBack: number;
  asked: number;
  disagreements?: number;
  compact?: boolean;
}) {
  const share = asked === 0 ? 0 : Math.round((readBack / asked) * 100);
  const level = asked === 0 ? "none" : share >= 80 ? "high" : share >= 50 ? "mid" : "low";
  return (
    <div className={`meter meter-${level}${compact ? " meter-compact" : ""}`}>
      <div className="meter-track" aria-hidden="true">
        <div className="meter-fill" style={{ width: `${share}%` }} />
      </div>
      <span className="meter-text">
        <strong>
          {readBack} of {asked}
        </strong>{" "}
        read back
        {disagreements > 0 && (
          <span className="meter-disagree">
            {" "}
            · {disagreements} {disagreements === 1 ? "disagreement" : "disagreements"}
          </span>
        )}
      </span>
    </div>
  );
}
