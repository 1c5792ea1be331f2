"use client";

// Replaces the root layout when that layout itself fails, so it must render <html> and <body>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", margin: "3rem auto", maxWidth: "40rem", padding: "0 1rem" }}>
        <main>
          <h1>Stagegate could not start this page</h1>
          <p>Try again in a moment. If it keeps happening, send the error digest below to your administrator.</p>
          {error.digest && (
            <p>
              Error digest: <code>{error.digest}</code>
            </p>
          )}
          <button type="button" onClick={reset}>
            Try again
          </button>
        </main>
      </body>
    </html>
  );
}
