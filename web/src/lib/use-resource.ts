// Loads one resource for a page and tracks loading / error / ready. The previous data stays on screen
// while a reload runs, so saving a form does not flash the whole page.
import { useCallback, useEffect, useRef, useState } from "react";

export type Resource<T> =
  | { status: "loading"; data: undefined; error: undefined; reload: () => void; reloading: false }
  | { status: "error"; data: T | undefined; error: unknown; reload: () => void; reloading: boolean }
  | { status: "ready"; data: T; error: undefined; reload: () => void; reloading: boolean };

/**
 * `key` identifies what to load (null skips loading). When the key changes the loader runs again;
 * `reload()` re-runs it for the same key.
 */
export function useResource<T>(key: string | null, loader: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<{ key: string | null; data?: T; error?: unknown; done: boolean }>({
    key,
    done: false,
  });
  const [generation, setGeneration] = useState(0);
  const [reloading, setReloading] = useState(false);
  const loaderRef = useRef(loader);
  loaderRef.current = loader;

  useEffect(() => {
    if (key === null) return;
    const controller = new AbortController();
    loaderRef.current(controller.signal).then(
      (data) => {
        if (controller.signal.aborted) return;
        setState({ key, data, done: true });
        setReloading(false);
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({
          key,
          data: previous.key === key ? previous.data : undefined,
          error,
          done: true,
        }));
        setReloading(false);
      },
    );
    return () => controller.abort();
  }, [key, generation]);

  const reload = useCallback(() => {
    setReloading(true);
    setGeneration((g) => g + 1);
  }, []);

  const current = state.key === key;
  if (!current || !state.done) {
    if (current && state.data !== undefined) {
      return { status: "ready", data: state.data, error: undefined, reload, reloading: true };
    }
    return { status: "loading", data: undefined, error: undefined, reload, reloading: false };
  }
  if (state.error !== undefined) {
    return { status: "error", data: state.data, error: state.error, reload, reloading };
  }
  return { status: "ready", data: state.data as T, error: undefined, reload, reloading };
}
