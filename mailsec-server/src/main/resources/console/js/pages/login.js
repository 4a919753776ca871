// Sign-in form. After a successful login the user lands where they were going (?next=).
import {login, session} from '../api.js';
import {h, notice} from '../dom.js';
import {showChrome} from '../app.js';

export function render(view, params, ready) {
  if (session.user) {
    location.hash = params.next || '/dashboards';
    return;
  }
  showChrome();
  const message = h('div', {class: 'login-message', dataset: {test: 'login-error'}, role: 'alert'});
  const username = h('input', {name: 'username', autocomplete: 'username', required: true, autofocus: true, dataset: {test: 'login-username'}});
  const password = h('input', {name: 'password', type: 'password', autocomplete: 'current-password', required: true, dataset: {test: 'login-password'}});
  const submit = h('button', {type: 'submit', class: 'primary', dataset: {test: 'login-submit'}}, 'Sign in');
  const form = h('form', {class: 'login-card', dataset: {test: 'login-form'}},
    h('h1', null, h('span', {class: 'brand-mark'}, '✉'), ' mailsec'),
    h('p', {class: 'muted'}, 'Email-security analytics for Mimecast'),
    h('label', null, 'User name', username),
    h('label', null, 'Password', password),
    message,
    submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.replaceChildren();
    submit.disabled = true;
    try {
      await login(username.value.trim(), password.value);
      showChrome();
      location.hash = params.next || '/dashboards';
    } catch (err) {
      let text = err.message;
      if (err.status === 401) text = 'Wrong user name or password.';
      if (err.status === 429) {
        text = 'Too many failed attempts. Try again' + (err.retryAfter ? ` in ${err.retryAfter} s.` : ' later.');
      }
      message.append(notice('error', 'Sign-in failed', text));
      password.select();
    } finally {
      submit.disabled = false;
    }
  });
  view.append(h('div', {class: 'login-page'}, form));
  ready();
}
