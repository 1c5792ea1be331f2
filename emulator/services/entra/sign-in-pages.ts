// The HTML the emulated Entra shows a browser: the account picker, sign-in errors, the signed-out
// page and the form_post hand-back. Self-contained pages (inline styles, no external assets), and
// every value from a request or the directory is escaped.
import type { EmuResponse } from "../../http/router";
import type { AppRole, DemoTenant, DemoUser } from "../../scenario/users";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => ESCAPES[character]!);
}

const STYLES = `
*{box-sizing:border-box}
body{margin:0;font-family:"Segoe UI",system-ui,sans-serif;background:#f3f2f1;color:#1b1b1b;line-height:1.4}
main{max-width:34rem;margin:2rem auto;background:#fff;padding:2rem;border-radius:4px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.brand{margin:0 0 1rem;color:#505050;font-size:.9rem}
h1{font-size:1.5rem;margin:0 0 .5rem}
ul{list-style:none;margin:1rem 0;padding:0}
li{border:1px solid #8a8886;border-radius:4px;margin:0 0 .75rem;padding:.5rem}
li.suggested{border:2px solid #0f6cbd;background:#ebf3fc}
button{font:inherit;cursor:pointer;border-radius:4px}
.account{display:block;width:100%;text-align:left;background:transparent;border:1px solid transparent;padding:.5rem;color:inherit}
.account:hover{background:#f3f2f1}
button:focus-visible,a:focus-visible{outline:3px solid #0f6cbd;outline-offset:2px}
.name{display:block;font-weight:600}
.username{display:block;color:#505050}
.details{margin:.25rem .5rem 0;font-size:.9rem;color:#3b3a39}
.details p{margin:.15rem 0}
.badge{font-weight:600;color:#0b5394}
.other{font-weight:600;color:#8a3707}
.secondary{background:#fff;border:1px solid #8a8886;padding:.5rem 1rem;color:#1b1b1b}
.primary{background:#0f6cbd;border:1px solid #0f6cbd;padding:.5rem 1rem;color:#fff}
dl{font-size:.9rem;color:#3b3a39}dt{font-weight:600}dd{margin:0 0 .5rem;word-break:break-all}
code{font-family:Consolas,monospace;font-size:.9em}
`;

function page(title: string, content: string, extraHead = ""): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLES}</style>${extraHead}
</head>
<body>
<main>
<p class="brand">Microsoft Entra ID <span aria-hidden="true">·</span> Stagegate emulator</p>
${content}
</main>
</body>
</html>`;
}

export function htmlResponse(status: number, html: string, headers: Record<string, string> = {}): EmuResponse {
  return {
    status,
    body: html,
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY", ...headers },
  };
}

export interface AccountPickerModel {
  /** Where the form posts the chosen account. */
  action: string;
  /** The pending sign-in's id. */
  context: string;
  applicationName: string;
  users: readonly DemoUser[];
  appRoles: readonly AppRole[];
  /** The tenant the authorize URL named: users of other tenants are marked. */
  tenant: DemoTenant;
  tenants: readonly DemoTenant[];
  loginHint?: string;
  signedInOid?: string;
}

function rolesText(user: DemoUser, appRoles: readonly AppRole[]): string {
  if (user.roles.length === 0) return "No Stagegate role";
  const named = user.roles.map((value) => {
    const displayName = appRoles.find((role) => role.value === value)?.displayName ?? value;
    return `${escapeHtml(displayName)} (<code>${escapeHtml(value)}</code>)`;
  });
  return `Roles: ${named.join(", ")}`;
}

function accountItem(user: DemoUser, index: number, model: AccountPickerModel, suggested: boolean): string {
  const detailsId = `account-${index}-details`;
  const notes: string[] = [`<p>${rolesText(user, model.appRoles)}</p>`];
  if (suggested) notes.push(`<p class="badge">Suggested by the application</p>`);
  if (user.oid === model.signedInOid) notes.push(`<p class="badge">Signed in</p>`);
  if (user.tenantId !== model.tenant.tenantId) {
    const organization = model.tenants.find((tenant) => tenant.tenantId === user.tenantId)?.name ?? "another directory";
    notes.push(`<p class="other">From another organization: ${escapeHtml(organization)}</p>`);
  }
  return `<li${suggested ? ' class="suggested"' : ""}>
<button type="submit" class="account" name="user" value="${escapeHtml(user.oid)}" aria-describedby="${detailsId}"${suggested ? " autofocus" : ""}>
<span class="name">${escapeHtml(user.displayName)}</span>
<span class="username">${escapeHtml(user.username)}</span>
</button>
<div class="details" id="${detailsId}">${notes.join("")}</div>
</li>`;
}

/** The account picker: one submit button per demo user, and a way to cancel. */
export function accountPickerPage(model: AccountPickerModel): string {
  const hint = model.loginHint?.toLowerCase();
  const suggestedOid = hint ? model.users.find((user) => user.username.toLowerCase() === hint || user.email.toLowerCase() === hint)?.oid : undefined;
  const hintMissed = hint && !suggestedOid ? `<p role="status">No demo user has the user name the application suggested (${escapeHtml(model.loginHint!)}).</p>` : "";
  const items = model.users.map((user, index) => accountItem(user, index, model, user.oid === suggestedOid)).join("\n");
  return page(
    "Sign in to your account",
    `<h1>Pick an account</h1>
<p>to continue to <strong>${escapeHtml(model.applicationName)}</strong>. These are the emulator's demo users; no password is needed.</p>
${hintMissed}
<form method="post" action="${escapeHtml(model.action)}">
<input type="hidden" name="ctx" value="${escapeHtml(model.context)}">
<ul aria-label="Demo accounts">
${items}
</ul>
<button type="submit" class="secondary" name="cancel" value="1">Cancel sign-in</button>
</form>`,
  );
}

export interface SignInErrorModel {
  summary: string;
  traceId: string;
  correlationId: string;
  timestamp: string;
}

/** The page Entra shows when it cannot send the user back to the application. */
export function signInErrorPage(model: SignInErrorModel): string {
  return page(
    "Sign in error",
    `<h1>Sorry, but we're having trouble signing you in.</h1>
<p>${escapeHtml(model.summary)}</p>
<h2>Troubleshooting details</h2>
<dl>
<dt>Request Id</dt><dd>${escapeHtml(model.traceId)}</dd>
<dt>Correlation Id</dt><dd>${escapeHtml(model.correlationId)}</dd>
<dt>Timestamp</dt><dd>${escapeHtml(model.timestamp)}</dd>
</dl>`,
  );
}

export function signedOutPage(notice?: string): string {
  return page(
    "Signed out",
    `<h1>You signed out of your account</h1>
<p>It's a good idea to close all browser windows.</p>
${notice ? `<p role="status">${escapeHtml(notice)}</p>` : ""}`,
  );
}

/** response_mode=form_post: a form that posts the result to the application, sent by script or by hand. */
export function formPostPage(action: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  return page(
    "Working...",
    `<h1>Returning to the application</h1>
<form method="post" action="${escapeHtml(action)}">
${inputs}
<noscript><p>Script is off: continue by hand.</p></noscript>
<button type="submit" class="primary">Continue</button>
</form>
<script>document.forms[0].submit();</script>`,
  );
}

/** The page behind `error_uri`: Entra's own lookup page, reduced to what the emulator knows. */
export function errorCodePage(code: string): string {
  return page(
    "Error code lookup",
    `<h1>Error AADSTS${escapeHtml(code)}</h1>
<p>The emulated directory answered with this error code. The <code>error_description</code> of the response says what was wrong with the request.</p>`,
  );
}
