// Typed wrappers for the signed-in person's own API tokens (GET/POST /tokens, DELETE /tokens/:id).
import type { z } from "zod";
import type { ApiToken, ApiTokenCreate, ApiTokenCreated } from "../../../src/contract/people.js";
import { request, type RequestOptions } from "./client.js";

type Items<T> = { items: T[] };
const enc = encodeURIComponent;

/** A token as created: the listing fields plus the secret, which is never returned again. */
export type CreatedToken = z.infer<typeof ApiTokenCreated>;

export const tokensApi = {
  list: (o?: RequestOptions) => request<Items<ApiToken>>("GET", "/tokens", undefined, o),
  /** The secret comes back once, in `token`; Parley keeps only its hash. */
  create: (body: z.input<typeof ApiTokenCreate>) => request<CreatedToken>("POST", "/tokens", body),
  revoke: (id: string) => request<ApiToken>("DELETE", `/tokens/${enc(id)}`),
};
