// Navigation inside the console: every page's state is its address after `#`.

/** Goes to `#/page?query` (rendering again when it is already there). */
export function go(hash) {
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** `#/timeline?type=X` from a page and its non-empty parameters. */
export function hashOf(path, parameters = {}) {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(parameters)) if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  const text = query.toString();
  return `#/${path}${text ? `?${text}` : ''}`;
}
