// Who is signed in. The app asks the server once on load; any 401 later (an expired session) drops
// back to the sign-in page without losing the address the person was on.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { Person } from "../../../src/contract/index.js";
import { ApiError, onSignedOut } from "../api/client.js";
import { api } from "../api/endpoints.js";

export type SessionState =
  | { status: "checking" }
  | { status: "unreachable"; message: string }
  | { status: "signed-out"; needsSetup: boolean; expired: boolean }
  | { status: "signed-in"; person: Person };

interface SessionApi {
  state: SessionState;
  signedIn: (person: Person) => void;
  signOut: () => Promise<void>;
  recheck: () => void;
}

const SessionContext = createContext<SessionApi | null>(null);

async function probe(signal: AbortSignal): Promise<SessionState> {
  try {
    const info = await api.me({ signal });
    return { status: "signed-in", person: info.person };
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) throw error;
  }
  const setup = await api.setupStatus({ signal });
  return { status: "signed-out", needsSetup: setup.needsSetup, expired: false };
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: "checking" });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    probe(controller.signal).then(
      (next) => setState(next),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const message =
          error instanceof Error ? error.message : "Parley's server could not be reached. Try again.";
        setState({ status: "unreachable", message });
      },
    );
    return () => controller.abort();
  }, [attempt]);

  useEffect(
    () =>
      onSignedOut(() =>
        setState((current) =>
          current.status === "signed-in"
            ? { status: "signed-out", needsSetup: false, expired: true }
            : current,
        ),
      ),
    [],
  );

  const signedIn = useCallback((person: Person) => setState({ status: "signed-in", person }), []);
  const signOut = useCallback(async () => {
    try {
      await api.signOut();
    } finally {
      setState({ status: "signed-out", needsSetup: false, expired: false });
    }
  }, []);
  const recheck = useCallback(() => {
    setState({ status: "checking" });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut, recheck }), [state, signedIn, signOut, recheck]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession needs a SessionProvider");
  return value;
}

/** The signed-in person; only call inside pages rendered for signed-in people. */
export function useMe(): Person {
  const { state } = useSession();
  if (state.status !== "signed-in") throw new Error("useMe needs a signed-in session");
  return state.person;
}
