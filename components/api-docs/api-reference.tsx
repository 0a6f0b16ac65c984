"use client";

import { useEffect, useRef, useState } from "react";
import "swagger-ui-dist/swagger-ui.css";
import "./swagger-dark.css";

// Swagger UI (swagger-ui-dist: one prebuilt bundle, no React peer) mounted on a div. Loaded
// on demand so its ~1.7 MB stays out of every other page. Its own dark theme is switched by
// a `dark-mode` ancestor class, kept in step with the app's `dark` class on <html>.

export function ApiReference() {
  const node = useRef<HTMLDivElement>(null);
  const [dark, setDark] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const html = document.documentElement;
    const sync = () => setDark(html.classList.contains("dark"));
    sync();
    const observer = new MutationObserver(sync);
    observer.observe(html, { attributes: true, attributeFilter: ["class"] });
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    let cancelled = false;
    import("swagger-ui-dist/swagger-ui-es-bundle.js")
      .then(({ default: SwaggerUIBundle }) => {
        if (cancelled || !node.current) return;
        SwaggerUIBundle({
          domNode: node.current,
          url: "/api/openapi.json",
          // No call to the public validator service: nothing leaves our origin.
          validatorUrl: null,
          deepLinking: true,
          tryItOutEnabled: false,
        });
      })
      .catch((e: Error) => setProblem(`Could not load the API reference: ${e.message}`));
    return () => {
      cancelled = true;
    };
  }, []);

  return (
    <div className={`${dark ? "dark-mode" : ""} rounded-lg border border-zinc-200 dark:border-zinc-800`}>
      {problem ? (
        <p role="alert" className="p-3 text-sm text-red-700 dark:text-red-400">
          {problem}
        </p>
      ) : null}
      <div ref={node} data-testid="api-reference" />
    </div>
  );
}
