"use client";

import { useEffect, useState } from "react";

// Chrome and Edge offer installing the inbox as an app through `beforeinstallprompt`; keeping
// the event lets Settings offer an "Install app" button. Elsewhere (Safari, Firefox) the
// browser's own menu installs it. `installed`: running in its own app window now.

type InstallEvent = Event & { prompt: () => Promise<void>; userChoice: Promise<{ outcome: string }> };

export function useInstallPrompt(): { installed: boolean; install: (() => Promise<void>) | null } {
  const [event, setEvent] = useState<InstallEvent | null>(null);
  const [installed, setInstalled] = useState(false);
  useEffect(() => {
    setInstalled(matchMedia("(display-mode: standalone)").matches);
    const onPrompt = (e: Event) => {
      e.preventDefault();
      setEvent(e as InstallEvent);
    };
    const onInstalled = () => {
      setInstalled(true);
      setEvent(null);
    };
    addEventListener("beforeinstallprompt", onPrompt);
    addEventListener("appinstalled", onInstalled);
    return () => {
      removeEventListener("beforeinstallprompt", onPrompt);
      removeEventListener("appinstalled", onInstalled);
    };
  }, []);
  const install = event
    ? async () => {
        await event.prompt();
        await event.userChoice.catch(() => null);
        setEvent(null);
      }
    : null;
  return { installed, install };
}
