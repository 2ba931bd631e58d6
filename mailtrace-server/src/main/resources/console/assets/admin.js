// Administration: users (role, domain scope, password), API tokens (everyone has their own;
// Organization Management can manage anyone's) and the audit log. Tabs appear only when the role
// allows them; a page the role does not allow says so instead of showing a half-broken form.

import { get, post, patch, del, qs, explain } from './api.js';
import { h, clear, toast } from './dom.js';
import { formatTime, localZone } from './format.js';

const ROLES = ['Organization Management', 'Compliance Management', 'Help Desk', 'View-Only'];

export function render(main, session, { noAccess }) {
  const tab = location.pathname.split('/')[3] || (session.can('admin') ? 'users' : session.can('audit') ? 'audit' : 'tokens');
  const tabs = [['users', 'Users', session.can('admin')], ['tokens', 'API tokens', true], ['audit', 'Audit log', session.can('audit')]];
  const allowed = tabs.find((t) => t[0] === tab);
  if (!allowed || !allowed[2]) {
    main.append(noAccess(allowed ? allowed[1] : 'Admin'));
    return null;
  }
  const body = h('div', { id: 'admin-body' });
  main.append(h('div', { class: 'page' }, h('h1', {}, 'Admin'),
    h('nav', { class: 'tabs', 'aria-label': 'Admin sections' }, tabs.filter((t) => t[2]).map(([id, text]) =>
      h('a', { href: '/console/admin/' + id, 'data-nav': true, 'aria-current': id === tab ? 'page' : null }, text))), body));
  ({ users, tokens, audit })[tab](body, session);
  return null;
}

function users(body) {
  const list = h('div', {});
  const name = h('input', { id: 'new-name', required: true, autocomplete: 'off' });
  const role = h('select', { id: 'new-role' }, ROLES.map((r) => h('option', { value: r, selected: r === 'Help Desk' }, r)));
  const domains = h('input', { id: 'new-domains', placeholder: 'all domains' });
  const password = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password', minlength: 12, required: true });
  const form = h('form', { class: 'card', id: 'new-user' }, h('h2', {}, 'Add a user'),
    h('div', { class: 'grid' },
      h('div', { class: 'field' }, h('label', { for: 'new-name' }, 'User name'), name),
      h('div', { class: 'field' }, h('label', { for: 'new-role' }, 'Role'), role),
      h('div', { class: 'field' }, h('label', { for: 'new-domains' }, 'Domain scope'), domains, h('small', { class: 'hint' }, 'Empty: all domains. Several: separate with spaces or commas.')),
      h('div', { class: 'field' }, h('label', { for: 'new-password' }, 'Password'), password, h('small', { class: 'hint' }, 'At least 12 characters.'))),
    h('div', { class: 'actions' }, h('button', { class: 'btn primary', type: 'submit' }, 'Add user')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      await post('/api/v1/users', { name: name.value.trim(), role: role.value, domains: split(domains.value), password: password.value });
      toast('User ' + name.value + ' added.');
      form.reset();
      load();
    } catch (err) {
      toast(explain(err), 'error');
    }
  });
  body.append(list, form);

  async function load() {
    let answer;
    try {
      answer = await get('/api/v1/users');
    } catch (e) {
      clear(list).append(h('p', { class: 'error' }, explain(e)));
      return;
    }
    clear(list).append(h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'users' },
      h('thead', {}, h('tr', {}, ['User', 'Role', 'Domain scope', 'Created', 'Tokens', ''].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, answer.users.map((u) => row(u))))));
  }

  function row(u) {
    const roleSel = h('select', { 'aria-label': 'Role of ' + u.name }, ROLES.map((r) => h('option', { value: r, selected: r === u.role }, r)));
    const dom = h('input', { value: u.domains.join(', '), 'aria-label': 'Domains of ' + u.name, placeholder: 'all domains' });
    const save = async () => {
      try {
        await patch('/api/v1/users/' + encodeURIComponent(u.name), { role: roleSel.value, domains: split(dom.value) });
        toast('Saved ' + u.name + '.');
        load();
      } catch (e) {
        toast(explain(e), 'error');
      }
    };
    const reset = async () => {
      const p = prompt('New password for ' + u.name + ' (at least 12 characters):');
      if (!p) return;
      try { await patch('/api/v1/users/' + encodeURIComponent(u.name), { password: p }); toast('Password changed.'); } catch (e) { toast(explain(e), 'error'); }
    };
    const remove = async () => {
      if (!confirm('Delete user ' + u.name + '? Their API tokens stop working at once.')) return;
      try { await del('/api/v1/users/' + encodeURIComponent(u.name)); load(); } catch (e) { toast(explain(e), 'error'); }
    };
    return h('tr', { dataset: { user: u.name } }, h('td', {}, h('strong', {}, u.name)), h('td', {}, roleSel), h('td', {}, dom),
      h('td', {}, formatTime(u.created, localZone()).slice(0, 10)),
      h('td', {}, h('a', { href: '/console/admin/tokens?user=' + encodeURIComponent(u.name), 'data-nav': true }, String(u.tokens.length))),
      h('td', { class: 'row-actions' }, h('button', { type: 'button', class: 'btn small', onclick: save }, 'Save'), ' ',
        h('button', { type: 'button', class: 'btn small', onclick: reset }, 'Set password'), ' ',
        h('button', { type: 'button', class: 'btn small danger', onclick: remove }, 'Delete')));
  }

  load();
}

function tokens(body, session) {
  const who = (session.can('admin') && new URLSearchParams(location.search).get('user')) || session.name;
  const base = '/api/v1/users/' + encodeURIComponent(who) + '/tokens';
  const list = h('div', {});
  const created = h('div', { role: 'status' });
  const label = h('input', { id: 'token-label', maxlength: 100, placeholder: 'e.g. monitoring script' });
  const form = h('form', { class: 'card', id: 'new-token' }, h('h2', {}, 'New API token for ' + who),
    h('div', { class: 'inline' }, label, h('button', { class: 'btn primary', type: 'submit' }, 'Create token')), created);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const t = await post(base, { label: label.value.trim() });
      clear(created).append(h('p', {}, 'Copy this token now; it is not shown again:'), h('p', { class: 'secret', id: 'token-secret' }, t.token),
        h('p', { class: 'muted small' }, 'Use it as: Authorization: Bearer <token>'));
      label.value = '';
      load();
    } catch (err) {
      toast(explain(err), 'error');
    }
  });
  body.append(h('p', { class: 'muted' }, 'Tokens let scripts use the REST API as ' + who + ', with the same role and domains.'), list, form);

  async function load() {
    try {
      const answer = await get(base);
      clear(list).append(answer.tokens.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'tokens' },
        h('thead', {}, h('tr', {}, ['Label', 'ID', 'Created', ''].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, answer.tokens.map((t) => h('tr', {}, h('td', {}, t.label || '(no label)'), h('td', { class: 'mono' }, t.id),
          h('td', {}, formatTime(t.created, localZone())),
          h('td', {}, h('button', { type: 'button', class: 'btn small danger', onclick: async () => {
            if (!confirm('Revoke the token ' + (t.label || t.id) + '? Scripts using it stop working at once.')) return;
            try { await del(base + '/' + encodeURIComponent(t.id)); load(); } catch (e) { toast(explain(e), 'error'); }
          } }, 'Revoke'))))))) : h('p', { class: 'muted' }, 'No API tokens.'));
    } catch (e) {
      clear(list).append(h('p', { class: 'error' }, explain(e)));
    }
  }
  load();
}

function audit(body) {
  const tz = localZone();
  const user = h('input', { id: 'audit-user', placeholder: 'any user' });
  const action = h('select', { id: 'audit-action' }, ['', 'search', 'detail', 'sign-in', 'sign-out', 'user-create', 'user-update', 'user-delete',
    'token-create', 'token-revoke', 'audit-read', 'access-denied', 'report', 'export'].map((a) => h('option', { value: a }, a || 'any action')));
  const tbody = h('tbody', {});
  const more = h('button', { type: 'button', class: 'btn', hidden: true, onclick: () => load(false) }, 'Load more');
  let next = null;
  const form = h('form', { class: 'inline card', id: 'audit-filter' }, user, action, h('button', { class: 'btn primary', type: 'submit' }, 'Filter'));
  form.addEventListener('submit', (e) => { e.preventDefault(); load(true); });
  body.append(form, h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'audit' },
    h('thead', {}, h('tr', {}, ['Time', 'User', 'Action', 'Outcome', 'Target', 'Details', 'From'].map((t) => h('th', { scope: 'col' }, t)))), tbody)),
  h('div', { class: 'more' }, more));

  async function load(fresh) {
    if (fresh) { next = null; clear(tbody); }
    try {
      const page = await get('/api/v1/audit' + qs({ user: user.value.trim(), action: action.value, limit: 200, cursor: next }));
      for (const e of page.entries) {
        tbody.append(h('tr', {}, h('td', {}, formatTime(e.time, tz)), h('td', {}, e.user || '(unknown)'), h('td', {}, e.action),
          h('td', {}, h('span', { class: 'badge ' + (e.outcome === 'ok' ? 's-Delivered' : 's-Failed') }, e.outcome)),
          h('td', { class: 'mono' }, e.target || ''), h('td', { class: 'small' }, e.filter && Object.keys(e.filter).length ? JSON.stringify(e.filter) : ''),
          h('td', { class: 'small' }, [e.remoteIp, e.auth].filter(Boolean).join(' · '))));
      }
      next = page.next;
      more.hidden = !next;
    } catch (e) {
      tbody.append(h('tr', {}, h('td', { colspan: 7, class: 'error' }, explain(e))));
    }
  }
  load(true);
}

function split(text) {
  return (text || '').split(/[\s,;]+/).map((d) => d.trim()).filter(Boolean);
}
