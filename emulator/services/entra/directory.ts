// Who exists in the emulated directory: its tenants, users and confidential clients, the roles they
// hold on Stagegate's API, and the redirect URLs Stagegate's registration accepts.
import { createHash } from "node:crypto";
import type { ScenarioIdentity } from "../../scenario/identity";
import { SeededRandom } from "../../scenario/random";
import {
  applicationRoleAssignments,
  demoTenants,
  demoUsers,
  stagegateAppRoles,
  type AppRole,
  type DemoTenant,
  type DemoUser,
  type StagegateRole,
  type StagegateUserRole,
} from "../../scenario/users";

export interface ConfidentialClient {
  clientId: string;
  clientSecret: string;
  displayName: string;
  /** Tenants where the app has a service principal (and so may get tokens). */
  tenantIds: readonly string[];
  /** Application roles it holds on Stagegate's API. */
  roles: readonly StagegateRole[];
}

export class EntraDirectory {
  readonly tenants: readonly DemoTenant[];
  /** The scenario's users with their current role assignments (the control API changes them). */
  private people: DemoUser[];
  private readonly disabled = new Set<string>();
  readonly clients: readonly ConfidentialClient[];
  readonly appRoles: readonly AppRole[];

  constructor(
    private readonly seed: string,
    readonly identity: ScenarioIdentity,
  ) {
    const { home, other } = demoTenants(identity);
    this.tenants = [home, other];
    this.people = demoUsers(seed, identity);
    this.appRoles = stagegateAppRoles(seed);
    const assigned = new Map(applicationRoleAssignments(identity).map((assignment) => [assignment.clientId, assignment.roles]));
    const rolesOf = (clientId: string) => assigned.get(clientId) ?? [];
    const { clientId, clientSecret, pipelineClient } = identity;
    this.clients = [
      // Multi-tenant, so a user of another organization can reach Stagegate's own tenant check.
      { clientId, clientSecret, displayName: "Stagegate", tenantIds: [home.tenantId, other.tenantId], roles: rolesOf(clientId) },
      { ...pipelineClient, displayName: "Stagegate CI pipeline", tenantIds: [home.tenantId], roles: rolesOf(pipelineClient.clientId) },
    ];
  }

  /** A tenant by GUID (any case) or verified domain, as Entra accepts either in its URLs. */
  tenant(idOrDomain: string): DemoTenant | undefined {
    const wanted = idOrDomain.toLowerCase();
    return this.tenants.find((tenant) => tenant.tenantId === wanted || tenant.domain === wanted);
  }

  get users(): readonly DemoUser[] {
    return this.people;
  }

  user(oid: string): DemoUser | undefined {
    return this.people.find((user) => user.oid === oid);
  }

  userByKey(key: string): DemoUser | undefined {
    return this.people.find((user) => user.key === key);
  }

  /** Replaces a user's app-role assignments on Stagegate's enterprise app; tokens minted after carry them. */
  assignRoles(oid: string, roles: readonly StagegateUserRole[]): DemoUser | undefined {
    const index = this.people.findIndex((user) => user.oid === oid);
    if (index < 0) return undefined;
    this.people[index] = { ...this.people[index]!, roles: [...new Set(roles)] };
    return this.people[index];
  }

  /** Entra's accountEnabled: a disabled user's grants are refused (AADSTS50057). */
  setAccountEnabled(oid: string, enabled: boolean): void {
    if (enabled) this.disabled.delete(oid);
    else this.disabled.add(oid);
  }

  isAccountEnabled(oid: string): boolean {
    return !this.disabled.has(oid);
  }

  /** Back to the scenario's assignments, every account enabled (the control API's reset). */
  resetUsers(): void {
    this.people = demoUsers(this.seed, this.identity);
    this.disabled.clear();
  }

  /** A client that has a service principal in the tenant: elsewhere Entra does not know it. */
  clientIn(tenantId: string, clientId: string): ConfidentialClient | undefined {
    const wanted = clientId.toLowerCase();
    return this.clients.find((client) => client.clientId === wanted && client.tenantIds.includes(tenantId));
  }

  /** The object id of a client's service principal in a tenant (the `oid` of its app-only tokens). */
  servicePrincipalOid(clientId: string, tenantId: string): string {
    return new SeededRandom(this.seed, "service-principal", clientId, tenantId).guid();
  }

  /** Entra's `sub`: stable per principal and per app, so two apps cannot correlate a user by it. */
  pairwiseSubject(principalOid: string, audience: string): string {
    return createHash("sha256").update(`${this.seed}|${principalOid}|${audience}`).digest("base64url").slice(0, 43);
  }

  /** Whether a URL is one of Stagegate's registered redirect (and post-logout) URLs. */
  isRegisteredRedirectUri(value: string): boolean {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      return false;
    }
    // Entra allows http only for loopback hosts; any https URL stands for a deployed Stagegate.
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && (url.hostname === "127.0.0.1" || url.hostname === "localhost");
  }
}
