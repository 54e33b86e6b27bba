// The systems a mapping or rule can point at, loaded once per page for every select that needs them.
import type { System } from "../../../../src/contract/index.js";
import { api } from "../../api/endpoints.js";
import { useResource, type Resource } from "../../lib/use-resource.js";
import type { Option } from "../fields.js";

export function useSystems(): Resource<System[]> {
  return useResource("connect-systems", async (signal) => {
    const page = await api.systems({ limit: 500 }, { signal });
    return page.items.filter((s) => s.stage !== "retired");
  });
}

export function systemOptions(systems: System[] | undefined, blank: string): Option[] {
  return [
    { value: "", label: blank },
    ...(systems ?? []).map((s) => ({ value: s.key, label: `${s.name} (${s.key})` })),
  ];
}
