import { COMMAND_LINE } from "@/lib/audit";
import { createGroupAtCommandLine } from "@/lib/permissions/groups";
import { grantsOfUser, planUserGrants, type UserGrants } from "@/lib/permissions/user-grants";
import { groupSchema, toFieldErrors } from "@/lib/validation";
import { parseCommand } from "./arguments";
import { refuse, UsageError } from "./errors";
import { requireUser } from "./lookup";

// Groups and permissions from the command line: the operator is not bound by the no-escalation
// rule (as manage.py is not), but names and codenames are checked as the API checks them.

const GRANT_OPTIONS = {
  group: { type: "string", multiple: true },
  permission: { type: "string", multiple: true },
} as const;

export async function creategroup(args: string[]): Promise<void> {
  const { values, argument } = parseCommand(args, { permission: GRANT_OPTIONS.permission }, "group name");
  const parsed = groupSchema.safeParse({ name: argument, permissions: values.permission ?? [] });
  if (!parsed.success) refuse(toFieldErrors(parsed.error));
  const group = await createGroupAtCommandLine(parsed.data);
  if ("ok" in group) refuse(group.errors);
  const held = group.permissions.length ? `: ${group.permissions.join(", ")}` : " with no permissions";
  process.stdout.write(`Group ${JSON.stringify(group.name)} created${held}.\n`);
}

function describe(username: string, grants: UserGrants): string {
  const groups = grants.groups.length ? grants.groups.join(", ") : "none";
  const direct = grants.user_permissions.length ? grants.user_permissions.join(", ") : "none";
  return `User ${JSON.stringify(username)}: groups ${groups}; permissions ${direct}.\n`;
}

async function change(args: string[], adding: boolean): Promise<void> {
  const { values, argument } = parseCommand(args, GRANT_OPTIONS, "username");
  const groups = values.group ?? [];
  const codenames = values.permission ?? [];
  if (!groups.length && !codenames.length) throw new UsageError("name at least one --group or --permission.");
  const user = await requireUser(argument);
  const current = await grantsOfUser(user.id);
  const merge = (now: string[], named: string[]) =>
    adding ? [...new Set([...now, ...named])] : now.filter((name) => !named.includes(name));
  const plan = await planUserGrants(null, user.id, {
    groups: groups.length ? merge(current.groups, groups) : undefined,
    user_permissions: codenames.length ? merge(current.user_permissions, codenames) : undefined,
  });
  if (!plan.ok) refuse(plan.code === "invalid" ? plan.errors : {});
  await plan.apply(COMMAND_LINE);
  process.stdout.write(describe(user.username, await grantsOfUser(user.id)));
}

export const grant = (args: string[]) => change(args, true);
export const revoke = (args: string[]) => change(args, false);
