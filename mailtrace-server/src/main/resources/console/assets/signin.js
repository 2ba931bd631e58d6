// Sign in with name and password (the server starts an HttpOnly session and answers the CSRF token),
// or with the organisation's OIDC provider when the server offers it (GET /api/v1/session/methods).

import { get, post, explain } from './api.js';
import { h } from './dom.js';

// Fixed sentences for the reasons the server puts in ?oidc-error=: nothing from the URL is shown as is.
const OIDC_ERRORS = {
  'oidc-state': 'That sign-in link was old, used already, or opened in another browser. Please try again.',
  'oidc-provider-error': 'The sign-in provider did not sign you in (cancelled or refused). Please try again.',
  'oidc-token': 'The answer from the sign-in provider failed mailtrace\'s checks. Tell your administrator.',
  'oidc-name': 'The sign-in provider did not send a user name mailtrace can use. Tell your administrator.',
  'oidc-password-account': 'Your mailtrace account signs in with a password, not through the identity provider. Use the password form, or ask an administrator to make the account OIDC-only.',
  'oidc-unknown-user': 'You signed in at the provider, but you have no mailtrace account. Ask an administrator to add one.',
  'oidc-no-role': 'You signed in at the provider, but none of your groups gives access to mailtrace. Ask an administrator.',
  'oidc-unavailable': 'The sign-in provider cannot be reached right now. Try again later or tell your administrator.',
};

export function render(main, _session, { navigate, signedIn }) {
  const params = new URLSearchParams(location.search);
  const next = params.get('next');
  const safeNext = next && next.startsWith('/console/') && !next.startsWith('/console/signin') ? next : '/console/trace';
  const oidcError = params.get('oidc-error');
  const error = h('p', { class: 'error', role: 'alert', id: 'signin-error' },
    oidcError ? (OIDC_ERRORS[oidcError] || 'Signing in with the provider failed. Please try again.') : '');
  const name = h('input', { id: 'name', name: 'name', autocomplete: 'username', required: true, autofocus: true, autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const button = h('button', { class: 'btn primary', type: 'submit', id: 'signin' }, 'Sign in');
  const passwordFields = h('div', { class: 'signin-password' },
    h('label', { for: 'name' }, 'User name'), name,
    h('label', { for: 'password' }, 'Password'), password,
    button);
  const providerSlot = h('div', { class: 'signin-oidc' });
  const form = h('form', { class: 'card signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to mailtrace'),
    h('p', { class: 'muted' }, 'Message trace for your Postfix servers.'),
    providerSlot, passwordFields, error);
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
  offerMethods(providerSlot, passwordFields, safeNext);
}

/** Adds the provider's button and hides the password fields when the server turned passwords off. */
async function offerMethods(providerSlot, passwordFields, safeNext) {
  let methods;
  try {
    methods = await get('/api/v1/session/methods', { signingIn: true });
  } catch (e) {
    return; // an older server: passwords only
  }
  if (methods.oidc) {
    const start = methods.oidc.start + '?next=' + encodeURIComponent(safeNext);
    providerSlot.append(h('a', { class: 'btn primary', id: 'signin-oidc', href: start }, 'Sign in with ' + methods.oidc.name));
    if (methods.password) providerSlot.append(h('p', { class: 'muted divider' }, 'or with your mailtrace password'));
  }
  if (!methods.password) {
    passwordFields.hidden = true;
    passwordFields.querySelectorAll('input').forEach((i) => { i.required = false; });
    const link = providerSlot.querySelector('a');
    if (link) link.focus();
  }
}
