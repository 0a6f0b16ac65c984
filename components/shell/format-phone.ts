/** North American numbers as "+1 (512) 216-4639"; anything else (other countries, emails) as stored. */
export function formatPhone(value: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(value);
  return m ? `+1 (${m[1]}) ${m[2]}-${m[3]}` : value;
}
