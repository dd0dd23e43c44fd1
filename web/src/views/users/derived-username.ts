// The username the server derives when none is given (SPEC §1.1), so the New
// User dialog can show it before creating. The server may still append -2, -3…
// when that name is taken.
const maxLength = 39;
const valid = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Null until the email has a local part and an @. */
export function derivedUsername(email: string): string | null {
  const at = email.lastIndexOf('@');
  if (at < 1) return null;
  const cleaned = email.slice(0, at).toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/-{2,}/g, '-').replace(/^-+|-+$/g, '');
  const cut = cleaned.slice(0, maxLength).replace(/-+$/, '');
  // `me` and ids name users in paths, so the server prefixes such names.
  const usable = cut !== '' && valid.test(cut) && cut !== 'me' && !uuid.test(cut);
  return usable ? cut : `user${cut ? `-${cut}` : ''}`.slice(0, maxLength).replace(/-+$/, '');
}
