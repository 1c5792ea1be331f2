// The demo directory: Stagegate's app roles, the two organizations, the people who sign in and the
// applications that hold roles. Ids come from the seed so a restart or another run keeps them.
import type { ScenarioIdentity } from "./identity";
import { SeededRandom } from "./random";

export const STAGEGATE_USER_ROLES = [
  "Stagegate.Viewer",
  "Stagegate.MLEngineer",
  "Stagegate.MLLead",
  "Stagegate.ProductOwner",
  "Stagegate.FinOps",
  "Stagegate.Admin",
] as const;
export type StagegateUserRole = (typeof STAGEGATE_USER_ROLES)[number];
export const STAGEGATE_PIPELINE_ROLE = "Stagegate.Pipeline";
export type StagegateRole = StagegateUserRole | typeof STAGEGATE_PIPELINE_ROLE;

export type AppRoleMemberType = "User" | "Application";

/** One entry of the app registration's `appRoles` (the manifest / Graph shape). */
export interface AppRole {
  id: string;
  value: StagegateRole;
  displayName: string;
  description: string;
  allowedMemberTypes: AppRoleMemberType[];
  isEnabled: true;
  origin: "Application";
}

const APP_ROLE_TEXT: Record<StagegateRole, Pick<AppRole, "displayName" | "description" | "allowedMemberTypes">> = {
  "Stagegate.Viewer": {
    displayName: "Viewer",
    description: "Reads the registry, lineage, rollouts and monitoring.",
    allowedMemberTypes: ["User"],
  },
  "Stagegate.MLEngineer": {
    displayName: "ML engineer",
    description: "Reads what viewers read, requests promotions and drafts rollout plans.",
    allowedMemberTypes: ["User"],
  },
  "Stagegate.MLLead": {
    displayName: "ML lead",
    description: "Approves or rejects promotions, runs and rolls back rollouts, overrides a failed gate with a reason.",
    allowedMemberTypes: ["User"],
  },
  "Stagegate.ProductOwner": {
    displayName: "Product owner",
    description: "Reads KPI and ROI pages and what viewers read.",
    allowedMemberTypes: ["User"],
  },
  "Stagegate.FinOps": {
    displayName: "FinOps analyst",
    description: "Reads cost pages: cost per experiment, per 1k predictions, budgets.",
    allowedMemberTypes: ["User"],
  },
  "Stagegate.Admin": {
    displayName: "Administrator",
    description: "Edits the promotion policy, SLOs and rollout templates.",
    allowedMemberTypes: ["User"],
  },
  "Stagegate.Pipeline": {
    displayName: "Pipeline",
    description: "Calls the gate API from CI with a client-credentials token.",
    allowedMemberTypes: ["Application"],
  },
};

/** Stagegate's app roles, as its app registration declares them. */
export function stagegateAppRoles(seed: string): AppRole[] {
  return (Object.keys(APP_ROLE_TEXT) as StagegateRole[]).map((value) => ({
    id: new SeededRandom(seed, "app-role", value).guid(),
    value,
    ...APP_ROLE_TEXT[value],
    isEnabled: true,
    origin: "Application",
  }));
}

export interface DemoTenant {
  tenantId: string;
  /** The organization's display name. */
  name: string;
  /** Its verified domain, used in user names and accepted in place of the tenant id in URLs. */
  domain: string;
}

/** Stagegate's home organization, and another one whose users Stagegate must refuse. */
export function demoTenants(identity: ScenarioIdentity): { home: DemoTenant; other: DemoTenant } {
  return {
    home: { tenantId: identity.tenantId, name: "Contoso", domain: "contoso.com" },
    other: { tenantId: identity.otherTenantId, name: "Fabrikam", domain: "fabrikam.com" },
  };
}

export interface DemoUser {
  /** A short stable handle for tests and logs. */
  key: string;
  /** The user's object id in the home tenant. */
  oid: string;
  tenantId: string;
  displayName: string;
  givenName: string;
  surname: string;
  /** The UPN, which Entra sends as preferred_username. */
  username: string;
  email: string;
  /** Stagegate app roles assigned to the user in the home tenant's enterprise app. */
  roles: readonly StagegateUserRole[];
}

interface Person {
  key: string;
  givenName: string;
  surname: string;
  organization: "home" | "other";
  roles: StagegateUserRole[];
}

// Two ML leads so that one can approve what the other requested (nobody approves their own).
// The other organization's user holds a role there: only Stagegate's tenant check may refuse her.
const PEOPLE: readonly Person[] = [
  { key: "viewer", givenName: "Maya", surname: "Patel", organization: "home", roles: ["Stagegate.Viewer"] },
  { key: "ml-engineer", givenName: "Jonas", surname: "Berg", organization: "home", roles: ["Stagegate.MLEngineer"] },
  { key: "ml-lead", givenName: "Priya", surname: "Raman", organization: "home", roles: ["Stagegate.MLLead"] },
  { key: "ml-lead-2", givenName: "Tomás", surname: "Ortega", organization: "home", roles: ["Stagegate.MLLead"] },
  // Whose role the e2e run removes and restores through the control API (e2e/role-recheck.spec.ts),
  // so no other spec's user changes under it.
  { key: "ml-lead-3", givenName: "Aiko", surname: "Tanaka", organization: "home", roles: ["Stagegate.MLLead"] },
  { key: "product-owner", givenName: "Elena", surname: "Rossi", organization: "home", roles: ["Stagegate.ProductOwner"] },
  { key: "finops", givenName: "Samuel", surname: "Okafor", organization: "home", roles: ["Stagegate.FinOps"] },
  { key: "admin", givenName: "Grace", surname: "Kim", organization: "home", roles: ["Stagegate.Admin"] },
  { key: "no-role", givenName: "Liam", surname: "O'Connor", organization: "home", roles: [] },
  { key: "other-tenant", givenName: "Noor", surname: "Haddad", organization: "other", roles: ["Stagegate.Admin"] },
];

/** Lower-case ASCII for a mail name: "Tomás" → "tomas", "O'Connor" → "oconnor". */
function mailName(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");
}

export function demoUsers(seed: string, identity: ScenarioIdentity): DemoUser[] {
  const tenants = demoTenants(identity);
  return PEOPLE.map((person) => {
    const tenant = tenants[person.organization];
    const username = `${mailName(person.givenName)}.${mailName(person.surname)}@${tenant.domain}`;
    return {
      key: person.key,
      oid: new SeededRandom(seed, "entra-user", person.key).guid(),
      tenantId: tenant.tenantId,
      displayName: `${person.givenName} ${person.surname}`,
      givenName: person.givenName,
      surname: person.surname,
      username,
      email: username,
      roles: person.roles,
    };
  });
}

export interface ApplicationRoleAssignment {
  clientId: string;
  roles: readonly StagegateRole[];
}

/** Application permissions granted on Stagegate's API: only the CI pipeline holds one. */
export function applicationRoleAssignments(identity: ScenarioIdentity): ApplicationRoleAssignment[] {
  return [{ clientId: identity.pipelineClient.clientId, roles: [STAGEGATE_PIPELINE_ROLE] }];
}
