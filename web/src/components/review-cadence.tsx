// How often a system's owners hold a conversation round, and when the next one is due. Parley
// reminds both owners when it is.
import { useState, type FormEvent } from "react";
import type { ReviewCadence } from "../../../src/contract/notifications.js";
import { notificationsApi } from "../api/notifications.js";
import { formatDate } from "../lib/format.js";
import { useResource } from "../lib/use-resource.js";
import { Chip } from "./chips.js";
import { SelectField } from "./fields.js";
import { FormError, SubmitButton, useSubmission } from "./form.js";

const CHOICES = [
  { value: "", label: "No agreed cadence" },
  { value: "30", label: "Every month (30 days)" },
  { value: "90", label: "Every quarter (90 days)" },
  { value: "182", label: "Every half year (182 days)" },
  { value: "365", label: "Every year (365 days)" },
];

function CadenceForm({ systemKey, initial }: { systemKey: string; initial: ReviewCadence }) {
  const [cadence, setCadence] = useState(initial);
  const [choice, setChoice] = useState(initial.everyDays === null ? "" : String(initial.everyDays));
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    await submission.run(async () => {
      setCadence(await notificationsApi.setReviewCadence(systemKey, choice ? Number(choice) : null));
    });
  }
  const options = CHOICES.some((c) => c.value === choice)
    ? CHOICES
    : [...CHOICES, { value: choice, label: `Every ${choice} days` }];
  return (
    <div className="review-cadence">
      <p>
        {cadence.everyDays === null ? (
          "No review cadence is agreed. With one, Parley reminds both owners when a round is due."
        ) : (
          <>
            A round every {cadence.everyDays} days.{" "}
            {cadence.lastRoundOn ? `Last held ${formatDate(cadence.lastRoundOn)}; ` : "No round held yet; "}
            next due {formatDate(cadence.nextDueOn)}{" "}
            {cadence.overdue && (
              <Chip tone="warn" icon="▲">
                Due now
              </Chip>
            )}
          </>
        )}
      </p>
      <form className="form-inline" onSubmit={submit}>
        <SelectField
          label="Review cadence"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
          options={options}
        />
        <SubmitButton submission={submission}>Save cadence</SubmitButton>
      </form>
      <FormError submission={submission} />
    </div>
  );
}

export function ReviewCadenceCard({ systemKey, systemId }: { systemKey: string; systemId: string }) {
  const cadence = useResource(`review-cadence:${systemId}`, (signal) =>
    notificationsApi.reviewCadence(systemKey, { signal }),
  );
  if (cadence.status !== "ready") return null;
  return <CadenceForm systemKey={systemKey} initial={cadence.data} />;
}
