import { useSyncExternalStore } from "react";

const subscribe = () => () => {};

/** False in the server's HTML, true once React runs in the browser: for controls that need script. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
