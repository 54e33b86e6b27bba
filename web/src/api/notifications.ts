// Typed wrappers for the notification, review-cadence and scheduler routes.
import type { z } from "zod";
import type {
  Channel,
  ChannelCreate,
  ChannelUpdate,
  Delivery,
  Job,
  NotificationEvent,
  NotificationStatus,
  Preferences,
  PreferencesUpdate,
  ReviewCadence,
} from "../../../src/contract/notifications.js";
import { request, withQuery, type RequestOptions } from "./client.js";

type Items<T> = { items: T[] };
type Opts = RequestOptions;
const enc = encodeURIComponent;

export interface TestResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

export const notificationsApi = {
  status: (o?: Opts) => request<NotificationStatus>("GET", "/notifications/status", undefined, o),
  channels: (o?: Opts) => request<Items<Channel>>("GET", "/notifications/channels", undefined, o),
  createChannel: (body: z.input<typeof ChannelCreate>) =>
    request<Channel>("POST", "/notifications/channels", body),
  updateChannel: (id: string, body: z.input<typeof ChannelUpdate>) =>
    request<Channel>("PATCH", `/notifications/channels/${enc(id)}`, body),
  removeChannel: (id: string) => request<void>("DELETE", `/notifications/channels/${enc(id)}`),
  testChannel: (id: string) => request<TestResult>("POST", `/notifications/channels/${enc(id)}/test`, {}),
  deliveries: (o?: Opts) =>
    request<Items<Delivery>>("GET", withQuery("/notifications/deliveries", { limit: 20 }), undefined, o),
  events: (mine: boolean, o?: Opts) =>
    request<Items<NotificationEvent>>(
      "GET",
      withQuery("/notifications/events", { limit: 20, mine: String(mine) }),
      undefined,
      o,
    ),
  preferences: (o?: Opts) => request<Preferences>("GET", "/me/notification-preferences", undefined, o),
  setPreferences: (body: z.input<typeof PreferencesUpdate>) =>
    request<Preferences>("PUT", "/me/notification-preferences", body),
  jobs: (o?: Opts) => request<Items<Job>>("GET", "/scheduler/jobs", undefined, o),
  reviewCadence: (ref: string, o?: Opts) =>
    request<ReviewCadence>("GET", `/systems/${enc(ref)}/review-cadence`, undefined, o),
  setReviewCadence: (ref: string, everyDays: number | null) =>
    request<ReviewCadence>("PUT", `/systems/${enc(ref)}/review-cadence`, { everyDays }),
};
