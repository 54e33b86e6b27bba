// What the page loads once and shares between the summary at the top and the sections below, so a
// change in a section (a new mapping, a price, an import) updates the summary too.
import type { FocusImport, Sighting } from "../../../../src/contract/connectors.js";
import { connectorsApi } from "../../api/connectors.js";
import { useResource, type Resource } from "../../lib/use-resource.js";

export interface SharedResources {
  refusedServices: Resource<{ items: Sighting[] }>;
  unpricedModels: Resource<{ items: Sighting[] }>;
  imports: Resource<{ items: FocusImport[] }>;
}

export function useSharedResources(): SharedResources {
  return {
    refusedServices: useResource("otlp-unmapped", (signal) => connectorsApi.otlpUnmapped({ signal })),
    unpricedModels: useResource("prices-missing", (signal) => connectorsApi.missingPrices({ signal })),
    imports: useResource("focus-imports", (signal) => connectorsApi.focusImports({ signal })),
  };
}
