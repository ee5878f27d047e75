"use client";
// Reloads the page's server data every `seconds` (router.refresh(): the server
// components run again, the client state and scroll stay). Paused while the tab is
// hidden, so a forgotten background tab does not query all night.
import { useEffect } from "react";
import { useRouter } from "next/navigation";

export function AutoRefresh({ seconds }: { seconds: number }) {
  const router = useRouter();
  useEffect(() => {
    const id = window.setInterval(() => {
      if (document.visibilityState === "visible") router.refresh();
    }, seconds * 1000);
    return () => window.clearInterval(id);
  }, [router, seconds]);
  return null;
}
