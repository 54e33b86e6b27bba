// Typed wrappers for the scale-rehearsal routes: plan, capacity limits, what-if and saved rehearsals.
import type { z } from "zod";
import type {
  CapacityLimit,
  CapacityLimitCreate,
  PlannedScale,
  PlannedScaleInput,
  Rehearsal,
  RehearsalResult,
  RehearsalView,
  WhatIfInput,
} from "../../../src/contract/rehearsal.js";
import { request, type RequestOptions } from "./client.js";

const enc = encodeURIComponent;

export const rehearsalApi = {
  view: (ref: string, o?: RequestOptions) =>
    request<RehearsalView>("GET", `/systems/${enc(ref)}/rehearsal`, undefined, o),
  setPlan: (ref: string, body: z.input<typeof PlannedScaleInput>) =>
    request<PlannedScale>("PUT", `/systems/${enc(ref)}/rehearsal/plan`, body),
  addLimit: (ref: string, body: z.input<typeof CapacityLimitCreate>) =>
    request<CapacityLimit>("POST", `/systems/${enc(ref)}/capacity-limits`, body),
  removeLimit: (id: string) => request<void>("DELETE", `/capacity-limits/${enc(id)}`),
  whatIf: (ref: string, body: z.input<typeof WhatIfInput>, o?: RequestOptions) =>
    request<RehearsalResult>("POST", `/systems/${enc(ref)}/rehearsal/what-if`, body, o),
  save: (ref: string, body: z.input<typeof WhatIfInput>) =>
    request<Rehearsal>("POST", `/systems/${enc(ref)}/rehearsals`, body),
};
