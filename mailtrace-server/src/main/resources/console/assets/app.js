// The console shell: who is signed in, the navigation their role allows, and a small router that
// draws the page the URL names (/console/trace, /console/reports, ...). Pages are modules with
// render(main, session) that may return a cleanup function (timers, live streams, observers).

import { get, del, setCsrf, whenSignedOut, ApiError } from './api.js';
import { h, clear, toast } from './dom.js';
import * as trace from './trace.js';

const PERMISSIONS = {
  'Organization Management': ['search', 'detail', 'report', 'audit', 'admin'],
  'Compliance Management': ['search', 'detail', 'report', 'audit'],
  'Help Desk': ['search', 'detail'],
  'View-Only': ['search'],
};

const PAGES = {
  trace: { title: 'Message trace', need: 'search', load: async () => trace },
  dashboard: { title: 'Dashboard', need: 'search', load: () => import('./dashboard.js') },
  reports: { title: 'Reports', need: 'report', load: () => import('./reports.js') },
  admin: { title: 'Admin', need: null, load: () => import('./admin.js') },
  signin: { title: 'Sign in', need: null, load: () => import('./signin.js'), public: true },
};

let session = null;
let cleanup = null;

/** The signed-in user, with can(permission) from the role's permissions. */
function withPermissions(s) {
  const perms = new Set(PERMISSIONS[s.role] || ['search']);
  return { ...s, can: (p) => perms.has(p) };
}

export function navigate(url, { replace = false } = {}) {
  history[replace ? 'replaceState' : 'pushState'](null, '', url);
  route();
}

export function signedIn(s) {
  session = withPermissions(s);
  setCsrf(s.csrfToken);
  drawHeader();
}

async function signOut() {
  try {
    await del('/api/v1/session');
  } catch (e) {
    // already signed out: fine
  }
  session = null;
  setCsrf(null);
  drawHeader();
  navigate('/console/signin', { replace: true });
}

function drawHeader() {
  const nav = clear(document.getElementById('nav'));
  const who = clear(document.getElementById('who'));
  if (!session) return;
  const here = location.pathname.split('/')[2] || 'trace';
  const link = (page, text) => h('a', { href: '/console/' + page, 'data-nav': true, 'aria-current': here === page ? 'page' : null }, text);
  nav.append(link('trace', 'Message trace'), link('dashboard', 'Dashboard'));
  if (session.can('report')) nav.append(link('reports', 'Reports'));
  if (session.can('admin')) nav.append(h('a', { href: '/console/admin/users', 'data-nav': true, 'aria-current': here === 'admin' ? 'page' : null }, 'Admin'));
  else if (session.can('audit')) nav.append(h('a', { href: '/console/admin/audit', 'data-nav': true, 'aria-current': here === 'admin' ? 'page' : null }, 'Audit log'));
  const scope = session.domains && session.domains.length ? session.domains.join(', ') : 'all domains';
  who.append(
    h('span', { class: 'who-name', title: session.role + ' · ' + scope }, session.name),
    h('span', { class: 'who-role' }, session.role + ' · ' + scope),
    h('a', { href: '/console/admin/tokens', 'data-nav': true, class: 'who-link' }, 'API tokens'),
    h('button', { type: 'button', class: 'btn small', id: 'signout', onclick: signOut }, 'Sign out'));
}

async function route() {
  if (cleanup) {
    try { cleanup(); } catch (e) { /* a page's cleanup must not stop the next page */ }
    cleanup = null;
  }
  const name = location.pathname.split('/')[2] || 'trace';
  const page = PAGES[name];
  const main = clear(document.getElementById('main'));
  document.getElementById('flyout-root').replaceChildren();
  if (!page) {
    main.append(h('section', { class: 'pad' }, h('h1', {}, 'Page not found'),
      h('p', {}, 'There is no console page at ' + location.pathname + '. '), h('a', { href: '/console/trace', 'data-nav': true }, 'Go to message trace')));
    return;
  }
  if (!page.public && !session) {
    navigate('/console/signin?next=' + encodeURIComponent(location.pathname + location.search), { replace: true });
    return;
  }
  drawHeader();
  document.title = page.title + ' · mailtrace';
  if (page.need && !session.can(page.need)) {
    main.append(noAccess(page.title));
    return;
  }
  try {
    const mod = await page.load();
    cleanup = (await mod.render(main, session, { navigate, signedIn, noAccess })) || null;
  } catch (e) {
    main.append(h('p', { class: 'error pad', role: 'alert' }, 'This page failed to load: ' + e.message));
  }
}

function noAccess(title) {
  return h('section', { class: 'pad notice', 'data-state': 'no-access' }, h('h1', {}, title),
    h('p', {}, 'You do not have access to this page. Your role, ' + session.role + ', does not include it.'),
    h('p', {}, h('a', { href: '/console/trace', 'data-nav': true }, 'Go to message trace')));
}

document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-nav]');
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  const url = new URL(a.href);
  if (url.origin !== location.origin) return;
  e.preventDefault();
  navigate(url.pathname + url.search);
});
window.addEventListener('popstate', route);
whenSignedOut(() => {
  if (session) toast('Your session ended. Sign in again.', 'error');
  session = null;
  drawHeader();
  if (!location.pathname.startsWith('/console/signin')) {
    navigate('/console/signin?next=' + encodeURIComponent(location.pathname + location.search), { replace: true });
  }
});

(async function start() {
  try {
    signedIn(await get('/api/v1/session', { signingIn: true }));
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 401) {
      clear(document.getElementById('main')).append(h('p', { class: 'error pad', role: 'alert' }, e.message));
      return;
    }
  }
  route();
})();
