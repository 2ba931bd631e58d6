// Sign in with name and password: the server starts an HttpOnly session and answers the CSRF token.

import { post, explain } from './api.js';
import { h } from './dom.js';

export function render(main, _session, { navigate, signedIn }) {
  const next = new URLSearchParams(location.search).get('next');
  const safeNext = next && next.startsWith('/console/') && !next.startsWith('/console/signin') ? next : '/console/trace';
  const error = h('p', { class: 'error', role: 'alert', id: 'signin-error' });
  const name = h('input', { id: 'name', name: 'name', autocomplete: 'username', required: true, autofocus: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { class: 'btn primary', type: 'submit', id: 'signin' }, 'Sign in');
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to mailtrace'),
    h('p', { class: 'muted' }, 'Message trace for your Postfix servers.'),
    h('label', { for: 'name' }, 'User name'), name,
    h('label', { for: 'password' }, 'Password'), password,
    error, button);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    error.textContent = '';
    try {
      const s = await post('/api/v1/session', { name: name.value.trim(), password: password.value }, { signingIn: true });
      signedIn(s);
      navigate(safeNext, { replace: true });
    } catch (err) {
      error.textContent = err.status === 401 ? 'Wrong user name or password.' : explain(err);
      password.value = '';
      password.focus();
    } finally {
      button.disabled = false;
    }
  });
  main.append(h('div', { class: 'center' }, form));
  name.focus();
}
