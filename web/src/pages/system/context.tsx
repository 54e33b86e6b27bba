// The system a page is about, shared by the system page's tabs.
import { createContext, useContext } from "react";
import type { System } from "../../../../src/contract/index.js";

export interface SystemContextValue {
  system: System;
  /** Base path of the system's pages, e.g. /systems/support-bot */
  base: string;
  reload: () => void;
}

export const SystemContext = createContext<SystemContextValue | null>(null);

export function useSystem(): SystemContextValue {
  const value = useContext(SystemContext);
  if (!value) throw new Error("useSystem needs a SystemContext");
  return value;
}
