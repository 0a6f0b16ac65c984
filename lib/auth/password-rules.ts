// What a new password must be, in a module with no imports so the browser's forms can hold
// a short one back with the same number the server checks (lib/auth/password.ts).
export const MIN_PASSWORD_LENGTH = 10;
