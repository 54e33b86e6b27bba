// Calls the API from inside the signed-in page, with the browser's own session cookie, to check what
// the server enforces regardless of what the UI offers.
import type { Page } from "playwright-core";

export interface ApiAnswer {
  status: number;
  body: unknown;
}

export function apiFromPage(page: Page, method: string, path: string, body?: unknown): Promise<ApiAnswer> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const response = await fetch(`/api/v1${path}`, {
        method,
        credentials: "same-origin",
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await response.text();
      return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
    },
    { method, path, body },
  );
}
