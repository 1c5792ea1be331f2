import "server-only";
import type { Prisma, User } from "@/lib/db/generated/client";

export interface SignedInIdentity {
  /** The id_token's `oid`: stable for the user within their tenant. */
  oid: string;
  tenantId: string;
  name: string;
  email: string | null;
  now: Date;
}

/**
 * The user's row, created at first sign-in; later sign-ins refresh name, email and last seen.
 * Prisma runs this as one INSERT … ON CONFLICT DO UPDATE, so racing first sign-ins make one row.
 */
export async function upsertUserAtSignIn(db: Prisma.TransactionClient, identity: SignedInIdentity): Promise<User> {
  const { oid, tenantId, name, email, now } = identity;
  return db.user.upsert({
    where: { tenantId_oid: { tenantId, oid } },
    create: { oid, tenantId, name, email, firstSeenAt: now, lastSeenAt: now },
    update: { name, email, lastSeenAt: now },
  });
}
