// Recently used paths (workspaces, datasets, models), kept in localStorage. Renderer helper.
const MAX_RECENT = 8;

export function loadRecent(key: string): string[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === 'string').slice(0, MAX_RECENT) : [];
  } catch {
    return [];
  }
}

export function rememberRecent(key: string, value: string): string[] {
  const next = [value, ...loadRecent(key).filter((p) => p !== value)].slice(0, MAX_RECENT);
  try {
    localStorage.setItem(key, JSON.stringify(next));
  } catch {
    // storage full or disabled: recents are a convenience only
  }
  return next;
}
