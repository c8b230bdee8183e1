/**
 * A team for a server test file: a harness (test/server/harness.ts) with its
 * accounts created in the order given and each one signed in (unless
 * `signIn: false`), so a file starts with
 *
 *   let h: Harness, pat: Client, rex: Client, vera: Client;
 *   beforeAll(async () => ({ h, pat, rex, vera } = await startTeam(PAT_REX_VERA)), 120_000);
 */
import type { AuthOptions, Role } from '../../../server/http/auth';
import { type Client, type Harness, signedIn, startHarness } from '../harness';

export interface Member {
  readonly roles: Role[];
  readonly displayName?: string;
  /** Signed in by startTeam (default); false for an account a test signs in itself. */
  readonly signIn?: boolean;
}

/** The usual three: a preparer who is also a reviewer, a second reviewer and a viewer. */
export const PAT_REX_VERA = {
  pat: { roles: ['preparer', 'reviewer'], displayName: 'Pat Preparer' },
  rex: { roles: ['reviewer'], displayName: 'Rex Reviewer' },
  vera: { roles: ['viewer'], displayName: 'Vera Viewer' },
} as const satisfies Record<string, Member>;

export async function startTeam<N extends string>(
  members: Readonly<Record<N, Member>>,
  auth: Partial<AuthOptions> = {},
): Promise<{ h: Harness } & Record<Exclude<N, 'h'>, Client>> {
  const h = await startHarness(auth);
  const names = Object.keys(members) as N[];
  for (const name of names) {
    const m: Member = members[name];
    await h.addUser(name, [...m.roles], m.displayName === undefined ? {} : { displayName: m.displayName });
  }
  const signing = names.filter((n) => members[n].signIn !== false);
  const clients = await Promise.all(signing.map((n) => signedIn(h, n)));
  return { h, ...(Object.fromEntries(signing.map((n, i) => [n, clients[i]!])) as Record<Exclude<N, 'h'>, Client>) };
}
