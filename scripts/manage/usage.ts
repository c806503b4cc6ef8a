export const COMMAND_NAMES = [
  "createsuperuser",
  "changepassword",
  "createtoken",
  "deactivate",
  "activate",
  "disable-mfa",
  "creategroup",
  "grant",
  "revoke",
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

export function isCommandName(name: string): name is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(name);
}

export const USAGE = `Usage: npm run manage -- <command> [options]

Commands:
  createsuperuser [--username U] [--email E] [--password P] [--no-input]
      Create a staff user with every permission. Asks for what the options do not give;
      with --no-input, takes it from VESTIBULE_SUPERUSER_USERNAME, _EMAIL and _PASSWORD.
  changepassword <username> [--password P]
      Set a user's password. Ends their sessions and API tokens.
  createtoken <username> [--name N] [--expires-in-days D]
      Create an API token. Prints only its key on stdout, once
      (use npm run --silent to keep npm's own lines out of stdout).
  deactivate <username>
      Stop a user from logging in. Ends their sessions and API tokens.
  activate <username>
      Let a deactivated user log in again.
  disable-mfa <username>
      Turn a user's two-factor authentication off (authenticator app and recovery codes).
  creategroup <name> [--permission C]...
      Create a group holding these permissions (codenames such as auth.view_user).
  grant <username> (--group G | --permission C)...
      Add the user to these groups and give them these permissions, at their next request.
  revoke <username> (--group G | --permission C)...
      Take these groups and direct permissions away from the user.

Passwords are asked for twice, without echo; piped input answers the questions line by line.
Prefer that to --password, which leaves the password in shell history and the process list.
The database is the one DATABASE_URL names (default ./data/vestibule.db); pending
migrations are applied first.

Exit status: 0 done; 1 refused, one problem a line on stderr; 2 usage error.
`;
