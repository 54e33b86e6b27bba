// Notifications: what each person receives by e-mail, what Parley has announced, and (for admins)
// the channels it posts to, their health, the delivery log and the scheduler's jobs.
import { useState, type FormEvent } from "react";
import type {
  Channel,
  ChannelKind,
  Delivery,
  EventKind,
  Job,
  NotificationEvent,
  PreferenceMode,
  Preferences,
} from "../../../src/contract/notifications.js";
import { errorMessage } from "../api/client.js";
import { notificationsApi } from "../api/notifications.js";
import { Chip, type Tone } from "../components/chips.js";
import { CheckboxGroup, RadioGroup, TextField } from "../components/fields.js";
import { FormError, SubmitButton, useSubmission } from "../components/form.js";
import { PageHeader, useTitle } from "../components/layout.js";
import { EmptyState, ResourceView } from "../components/states.js";
import { formatDateTime } from "../lib/format.js";
import { Link } from "../lib/router.js";
import { useMe } from "../lib/session.js";
import { useResource } from "../lib/use-resource.js";

/** Every event kind with words for people; kept here so the bundle needs no runtime contract. */
export const EVENT_LABELS: Record<EventKind, { label: string; hint: string }> = {
  limit_at_risk: { label: "Trust limit at risk", hint: "A signal is close to a limit leadership set" },
  limit_breached: { label: "Trust limit breached", hint: "A signal crossed a limit leadership set" },
  budget_at_risk: { label: "Budget burning fast", hint: "A risk budget will run out before its period ends" },
  budget_breached: { label: "Budget spent", hint: "A risk budget for this period is used up" },
  finding_raised: { label: "Quiet change found", hint: "Creep or a level shift nobody set a limit for" },
  acceptance_review_due: {
    label: "Acceptance due for review",
    hint: "An accepted risk reaches its review-by date within 14 days",
  },
  acceptance_expired: { label: "Acceptance expired", hint: "An accepted risk passed its review-by date" },
  answer_awaited: {
    label: "Question waits for an answer",
    hint: "A question in a round has had no answer for 2 days",
  },
  read_back_awaited: {
    label: "Answer waits for a read-back",
    hint: "An answer has not been read back for 2 days",
  },
  review_round_due: {
    label: "Review round due",
    hint: "A system's agreed review cadence says a round is due",
  },
};
const KINDS = Object.keys(EVENT_LABELS) as EventKind[];

const MODE_LABELS: Record<PreferenceMode, string> = {
  immediate: "At once",
  digest: "Weekly digest",
  off: "Off",
};

const HEALTH: Record<Channel["health"], { tone: Tone; icon: string; label: string }> = {
  ok: { tone: "ok", icon: "✓", label: "Working" },
  failing: { tone: "danger", icon: "!", label: "Failing" },
  untested: { tone: "neutral", icon: "○", label: "Not used yet" },
  disabled: { tone: "neutral", icon: "–", label: "Off" },
};

const SEVERITY: Record<NotificationEvent["severity"], { tone: Tone; icon: string; label: string }> = {
  critical: { tone: "danger", icon: "!", label: "Critical" },
  warning: { tone: "warn", icon: "▲", label: "Warning" },
  info: { tone: "info", icon: "i", label: "Reminder" },
};

const DELIVERY_TONE: Record<Delivery["status"], Tone> = {
  sent: "ok",
  pending: "warn",
  failed: "danger",
  skipped: "neutral",
};

function PreferencesForm({ initial }: { initial: Preferences }) {
  const [modes, setModes] = useState(initial.modes);
  const [saved, setSaved] = useState(false);
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const ok = await submission.run(async () => {
      const next = await notificationsApi.setPreferences({ modes });
      setModes(next.modes);
    });
    setSaved(ok);
  }
  return (
    <section className="card" aria-labelledby="prefs-title">
      <h2 id="prefs-title">What you receive by e-mail</h2>
      <p className="muted">
        About the systems you own and the risks you decided. Channels below reach whole teams; this is just
        for you.
      </p>
      {!initial.email && (
        <p className="notice notice-warn">
          This server cannot send e-mail yet (an admin sets <code>PARLEY_SMTP_URL</code>). Your choices are
          kept for when it can.
        </p>
      )}
      <form onSubmit={submit} className="form">
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">E-mail preference per kind of notification</caption>
            <thead>
              <tr>
                <th scope="col">Notification</th>
                {(Object.keys(MODE_LABELS) as PreferenceMode[]).map((m) => (
                  <th scope="col" key={m}>
                    {MODE_LABELS[m]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row">
                    {EVENT_LABELS[kind].label}
                    <div className="muted small">{EVENT_LABELS[kind].hint}</div>
                  </th>
                  {(Object.keys(MODE_LABELS) as PreferenceMode[]).map((m) => (
                    <td key={m}>
                      <input
                        type="radio"
                        name={`mode-${kind}`}
                        checked={modes[kind] === m}
                        onChange={() => setModes({ ...modes, [kind]: m })}
                        aria-label={`${EVENT_LABELS[kind].label}: ${MODE_LABELS[m]}`}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <FormError submission={submission} />
        <div className="form-actions">
          <SubmitButton submission={submission}>Save my choices</SubmitButton>
          {saved && (
            <span role="status" className="muted">
              Saved.
            </span>
          )}
        </div>
      </form>
    </section>
  );
}

function EventList({ events }: { events: NotificationEvent[] }) {
  if (events.length === 0) {
    return (
      <EmptyState title="Nothing to report yet">
        Parley announces limits at risk or breached, budgets burning fast, quiet changes, acceptances due for
        review, and conversations that wait. None has happened yet.
      </EmptyState>
    );
  }
  return (
    <ul className="plain-list notification-list">
      {events.map((e) => (
        <li key={e.id}>
          <div>
            <Chip tone={SEVERITY[e.severity].tone} icon={SEVERITY[e.severity].icon}>
              {SEVERITY[e.severity].label}
            </Chip>{" "}
            <Link to={e.link}>
              <strong>{e.title}</strong>
            </Link>
          </div>
          <p>{e.body}</p>
          <p className="muted small">
            {EVENT_LABELS[e.kind].label} · {formatDateTime(e.createdAt)}
          </p>
        </li>
      ))}
    </ul>
  );
}

function AddChannel({ onAdded }: { onAdded: (c: Channel) => void }) {
  const [kind, setKind] = useState<ChannelKind | "">("");
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [recipients, setRecipients] = useState("");
  const [events, setEvents] = useState<EventKind[]>([
    "limit_breached",
    "budget_breached",
    "finding_raised",
    "acceptance_expired",
  ]);
  const submission = useSubmission();
  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await submission.run(async () => {
      if (!kind) throw new Error("Choose where the notifications go.");
      onAdded(
        await notificationsApi.createChannel({
          name,
          kind,
          url: kind === "email" ? null : url,
          recipients: kind === "email" ? recipients.split(/[\s,;]+/).filter(Boolean) : [],
          events,
        }),
      );
    });
    if (ok) {
      setName("");
      setUrl("");
      setRecipients("");
    }
  }
  return (
    <section className="card" aria-labelledby="add-channel-title">
      <h3 id="add-channel-title">Add a channel</h3>
      <form className="form" onSubmit={submit}>
        <RadioGroup<ChannelKind>
          legend="Where to"
          name="channel-kind"
          value={kind}
          onChange={setKind}
          options={[
            {
              value: "slack",
              label: "Chat",
              hint: "A Slack-compatible incoming-webhook URL (Slack, Mattermost, Rocket.Chat)",
            },
            {
              value: "webhook",
              label: "Webhook",
              hint: "Your endpoint; each POST is signed with HMAC-SHA256",
            },
            { value: "email", label: "E-mail", hint: "A team address or a few people" },
          ]}
        />
        <TextField
          label="Name"
          required
          value={name}
          onChange={(e) => setName(e.target.value)}
          hint='e.g. "#ai-risk"'
        />
        {kind === "email" ? (
          <TextField
            label="Recipients"
            required
            value={recipients}
            onChange={(e) => setRecipients(e.target.value)}
            hint="E-mail addresses separated by commas"
            error={submission.fieldError("recipients")}
          />
        ) : (
          <TextField
            label="URL"
            type="url"
            required
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={submission.fieldError("url")}
          />
        )}
        <CheckboxGroup<EventKind>
          legend="Which notifications"
          values={events}
          onChange={setEvents}
          layout="stack"
          options={KINDS.map((k) => ({ value: k, label: EVENT_LABELS[k].label }))}
        />
        <FormError submission={submission} />
        <SubmitButton submission={submission}>Add the channel</SubmitButton>
      </form>
    </section>
  );
}

function Channels({ initial }: { initial: Channel[] }) {
  const [channels, setChannels] = useState(initial);
  const [secret, setSecret] = useState<{ name: string; value: string } | null>(null);
  const [message, setMessage] = useState<{ tone: "ok" | "danger"; text: string } | null>(null);
  const replace = (c: Channel) => setChannels((list) => list.map((x) => (x.id === c.id ? c : x)));
  async function act(what: () => Promise<void>) {
    setMessage(null);
    try {
      await what();
    } catch (e) {
      setMessage({ tone: "danger", text: errorMessage(e) });
    }
  }
  return (
    <div className="stack">
      {secret && (
        <div className="notice notice-info" role="status">
          <p>
            Signing secret for <strong>{secret.name}</strong> — copy it now, Parley will not show it again:
          </p>
          <p>
            <code className="secret">{secret.value}</code>
          </p>
          <p className="small">
            Verify each POST: HMAC-SHA256 of <code>timestamp.body</code> with this secret must equal the{" "}
            <code>v1</code> part of the <code>Parley-Signature</code> header. See docs/notifications.md.
          </p>
        </div>
      )}
      {message && (
        <p className={`notice notice-${message.tone}`} role={message.tone === "danger" ? "alert" : "status"}>
          {message.text}
        </p>
      )}
      {channels.length === 0 ? (
        <EmptyState title="No channels yet">
          Add a chat channel, a webhook or an e-mail address so alarms reach a team, not just the owners.
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Notification channels</caption>
            <thead>
              <tr>
                <th scope="col">Channel</th>
                <th scope="col">Destination</th>
                <th scope="col">Notifications</th>
                <th scope="col">Health</th>
                <th scope="col">Actions</th>
              </tr>
            </thead>
            <tbody>
              {channels.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    {c.name}
                    <div className="muted small">
                      {c.kind === "slack" ? "Chat" : c.kind === "webhook" ? "Webhook" : "E-mail"}
                    </div>
                  </th>
                  <td>{c.kind === "email" ? c.recipients.join(", ") : c.url}</td>
                  <td>
                    {c.events.length === KINDS.length
                      ? "All"
                      : c.events.map((k) => EVENT_LABELS[k].label).join(", ")}
                  </td>
                  <td>
                    <Chip tone={HEALTH[c.health].tone} icon={HEALTH[c.health].icon}>
                      {HEALTH[c.health].label}
                    </Chip>
                    {c.lastError && <div className="small">{c.lastError}</div>}
                    {c.failingSince && (
                      <div className="muted small">since {formatDateTime(c.failingSince)}</div>
                    )}
                  </td>
                  <td className="actions">
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      onClick={() =>
                        void act(async () => {
                          const r = await notificationsApi.testChannel(c.id);
                          setMessage(
                            r.ok
                              ? { tone: "ok", text: `Test sent to ${c.name}.` }
                              : {
                                  tone: "danger",
                                  text: `Test to ${c.name} failed: ${r.error ?? "unknown error"}`,
                                },
                          );
                          replace({
                            ...c,
                            ...(r.ok
                              ? { health: c.enabled ? "ok" : "disabled", lastError: null }
                              : { lastError: r.error }),
                          });
                        })
                      }
                    >
                      Send a test<span className="visually-hidden"> to {c.name}</span>
                    </button>{" "}
                    <button
                      type="button"
                      className="button button-ghost button-small"
                      onClick={() =>
                        void act(async () =>
                          replace(await notificationsApi.updateChannel(c.id, { enabled: !c.enabled })),
                        )
                      }
                    >
                      {c.enabled ? "Turn off" : "Turn on"}
                      <span className="visually-hidden"> {c.name}</span>
                    </button>{" "}
                    <button
                      type="button"
                      className="button button-ghost button-small"
                      onClick={() =>
                        void act(async () => {
                          await notificationsApi.removeChannel(c.id);
                          setChannels((list) => list.filter((x) => x.id !== c.id));
                        })
                      }
                    >
                      Remove<span className="visually-hidden"> {c.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddChannel
        onAdded={(c) => {
          setChannels((list) => [...list, c]);
          setSecret(c.secret ? { name: c.name, value: c.secret } : null);
        }}
      />
    </div>
  );
}

function Deliveries({ items }: { items: Delivery[] }) {
  if (items.length === 0) return <EmptyState title="Nothing sent yet" />;
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Recent deliveries</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">To</th>
            <th scope="col">Status</th>
            <th scope="col">Attempts</th>
            <th scope="col">When</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.eventTitle ?? "—"}</th>
              <td>{d.target}</td>
              <td>
                <Chip tone={DELIVERY_TONE[d.status]}>{d.status}</Chip>
                {d.lastError && d.status !== "sent" && <div className="small">{d.lastError}</div>}
                {d.nextAttemptAt && (
                  <div className="muted small">next try {formatDateTime(d.nextAttemptAt)}</div>
                )}
              </td>
              <td>{d.attempts}</td>
              <td>{formatDateTime(d.sentAt ?? d.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Jobs({ items }: { items: Job[] }) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Scheduled jobs</caption>
        <thead>
          <tr>
            <th scope="col">Job</th>
            <th scope="col">Last run</th>
            <th scope="col">Result</th>
            <th scope="col">Next run</th>
          </tr>
        </thead>
        <tbody>
          {items.map((j) => (
            <tr key={j.name}>
              <th scope="row">
                {j.description}
                <div className="muted small">{j.name}</div>
              </th>
              <td>
                {j.lastStartedAt ? formatDateTime(j.lastStartedAt) : "Not yet"}
                {j.lastRunBy && <div className="muted small">on {j.lastRunBy}</div>}
              </td>
              <td>
                {j.lastError ? <span className="form-error">{j.lastError}</span> : (j.lastResult ?? "—")}
              </td>
              <td>{j.runs > 0 ? formatDateTime(j.nextRunAt) : "When the server starts"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AdminSections() {
  const channels = useResource("notification-channels", (signal) => notificationsApi.channels({ signal }));
  const deliveries = useResource("notification-deliveries", (signal) =>
    notificationsApi.deliveries({ signal }),
  );
  const jobs = useResource("scheduler-jobs", (signal) => notificationsApi.jobs({ signal }));
  return (
    <>
      <section className="card" aria-labelledby="channels-title">
        <h2 id="channels-title">Channels</h2>
        <p className="muted">
          Where Parley posts for a whole team. Failed posts are retried with growing pauses for about a day; a
          channel that fails three times in a row is shown as failing to every admin.
        </p>
        <ResourceView resource={channels} label="channels">
          {(data) => <Channels initial={data.items} />}
        </ResourceView>
      </section>
      <section className="card" aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Recent deliveries</h2>
        <ResourceView resource={deliveries} label="deliveries">
          {(data) => <Deliveries items={data.items} />}
        </ResourceView>
      </section>
      <section className="card" aria-labelledby="jobs-title">
        <h2 id="jobs-title">Scheduled jobs</h2>
        <p className="muted">
          They run inside the server. With several servers on one database, each run happens on exactly one.
        </p>
        <ResourceView resource={jobs} label="jobs">
          {(data) => <Jobs items={data.items} />}
        </ResourceView>
      </section>
    </>
  );
}

export function NotificationsPage() {
  useTitle("Notifications");
  const me = useMe();
  const prefs = useResource("notification-preferences", (signal) => notificationsApi.preferences({ signal }));
  const events = useResource("notification-events", (signal) => notificationsApi.events(false, { signal }));
  return (
    <div className="page">
      <PageHeader title="Notifications" eyebrow="Workspace">
        <p>
          Quiet failures reach the people who accepted the risk: by e-mail to owners and deciders, and to team
          channels.
        </p>
      </PageHeader>
      <div className="stack">
        <ResourceView resource={prefs} label="your preferences">
          {(data) => <PreferencesForm initial={data} />}
        </ResourceView>
        <section className="card" aria-labelledby="events-title">
          <h2 id="events-title">Recent notifications</h2>
          <ResourceView resource={events} label="notifications">
            {(data) => <EventList events={data.items} />}
          </ResourceView>
        </section>
        {me.isAdmin && <AdminSections />}
      </div>
    </div>
  );
}
