import { describe, expect, it } from 'vitest';
import { userCacheDir, userConfigDir, userStateDir } from '../../src/platform/locate.js';

describe("the user's own folders", () => {
  it('follow the XDG variables, and fall back to the usual folders under HOME', () => {
    expect(userConfigDir({ HOME: '/home/a' })).toBe('/home/a/.config/leertuin');
    expect(userCacheDir({ HOME: '/home/a' })).toBe('/home/a/.cache/leertuin');
    expect(userStateDir({ HOME: '/home/a' })).toBe('/home/a/.local/state/leertuin');
    const xdg = { HOME: '/home/a', XDG_CONFIG_HOME: '/x/config', XDG_CACHE_HOME: '/x/cache', XDG_STATE_HOME: '/x/state' };
    expect([userConfigDir(xdg), userCacheDir(xdg), userStateDir(xdg)]).toEqual(['/x/config/leertuin', '/x/cache/leertuin', '/x/state/leertuin']);
    // An empty variable counts as unset, as the XDG specification says.
    expect(userCacheDir({ HOME: '/home/a', XDG_CACHE_HOME: '' })).toBe('/home/a/.cache/leertuin');
  });
});
