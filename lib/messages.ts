// Every user-facing string of the contract (docs/API.md), once.

export const messages = {
  required: "This field is required.",
  notNull: "This field may not be null.",
  blank: "This field may not be blank.",
  notString: "Not a valid string.",
  notBoolean: "Must be a valid boolean.",
  nullCharacters: "Null characters are not allowed.",
  invalidText: "Enter a valid value.",
  maxLength: (max: number) => `Ensure this field has no more than ${max} characters.`,
  invalidUsername: "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.",
  usernameTaken: "A user with that username already exists.",
  invalidEmail: "Enter a valid email address.",
  invalidLogin: "Unable to log in with provided credentials.",
  // Django's four default password validators.
  password: {
    minLength: 8,
    tooSimilar: (verboseName: string) => `The password is too similar to the ${verboseName}.`,
    tooShort: "This password is too short. It must contain at least 8 characters.",
    tooCommon: "This password is too common.",
    entirelyNumeric: "This password is entirely numeric.",
  },
  noData: "No data provided",
  notAnObject: (got: string) => `Invalid data. Expected a dictionary, but got ${got}.`,

  invalidInteger: "A valid integer is required.",
  minValue: (min: number) => `Ensure this value is greater than or equal to ${min}.`,
  maxValue: (max: number) => `Ensure this value is less than or equal to ${max}.`,
  wrongOldPassword: "Your old password was entered incorrectly. Please enter it again.",

  loggedOut: "Successfully logged out.",
  passwordChanged: "New password has been saved.",
  resetSent: "Password reset e-mail has been sent.",
  resetDone: "Password has been reset with the new password.",
  invalidValue: "Invalid value",
  emailVerified: "E-mail address verified.",
  verificationSent: "Verification e-mail has been sent.",
  alreadyVerified: "The e-mail address is already verified.",
  noEmail: "There is no e-mail address to verify.",

  unsupportedMediaType: (type: string) => `Unsupported media type "${type}" in request.`,
  parseError: (reason: string) => `JSON parse error - ${reason}`,
  tooLarge: "Request body is too large.",
  methodNotAllowed: (method: string) => `Method "${method}" not allowed.`,
  notFound: "Not found.",
  invalidPage: "Invalid page.",
  throttled: (seconds: number) => `Request was throttled. Expected available in ${seconds} seconds.`,
  serverError: "A server error occurred.",
  unavailable: "Service temporarily unavailable.",

  notAuthenticated: "Authentication credentials were not provided.",
  permissionDenied: "You do not have permission to perform this action.",
  staffChangeRefused:
    "You do not have permission to make that change: only a superuser changes staff status or manages staff and superuser accounts, nobody deactivates or demotes themselves, and the last active superuser stays.",
  invalidToken: "Invalid token.",
  invalidBasic: "Invalid username/password.",
  tokenHeaderEmpty: "Invalid token header. No credentials provided.",
  tokenHeaderSpaces: "Invalid token header. Token string should not contain spaces.",
  basicHeaderEmpty: "Invalid basic header. No credentials provided.",
  basicHeaderSpaces: "Invalid basic header. Credentials string should not contain spaces.",
  basicHeaderEncoding: "Invalid basic header. Credentials not correctly base64 encoded.",
  userInactive: "User inactive or deleted.",
  // Second factors and passkeys.
  invalidCode: "Invalid code.",
  invalidTicket: "Invalid or expired ticket.",
  basicWithMfa: "Basic authentication is not available for accounts with two-factor authentication. Use an API token.",
  wrongPassword: "Your password was entered incorrectly. Please enter it again.",
  nothingPending: "No authenticator app is waiting to be confirmed. Start the setup again.",
  mfaAlreadyOn: "Two-factor authentication is already on.",
  mfaOff: "Two-factor authentication is off.",
  invalidPasskey: "This passkey could not be verified.",
  loginExpired: "This login has expired. Please log in again.",
  // Signing in with another provider.
  providerAccountExists:
    "An account with this e-mail address already exists. Log in with your password, then connect this provider from your account page.",
  providerFailed: "Signing in with the provider did not work. Please try again.",
  lastWayToSignIn: "This is the account's last way to sign in. Set a password or connect another provider first.",
  signInAgainToConnect:
    "To connect a provider to an account without a password, sign in again first: it must be done within 10 minutes of signing in.",
  connectUnconfirmed:
    "The provider was not connected: a connection is confirmed on this page first, with your password.",
  csrfOrigin: (origin: string) => `CSRF Failed: Origin checking failed - ${origin} does not match any trusted origins.`,
} as const;
