// Entry point: checks the session, wires the top bar and starts the router.
import {session, me, logout, can} from './api.js';
import {route, start, navigate, parseHash} from './router.js';

route('login', () => import('./pages/login.js'), {public: true});
route('dashboards', () => import('./pages/dashboards.js'));
route('search', () => import('./pages/search.js'));
route('event/:id', () => import('./pages/event.js'));
route('integrations', () => import('./pages/integrations.js'));
route('integrations/new', () => import('./pages/integration-form.js'));
route('integrations/:id/edit', () => import('./pages/integration-form.js'));
route('alerts', () => import('./pages/alerts.js'));
route('alerts/:id', () => import('./pages/alerts.js'));
route('rules', () => import('./pages/rules.js'));
route('rules/:id', () => import('./pages/rules.js'));
route('intel', () => import('./pages/intel.js'));

const topbar = document.querySelector('.topbar');
const userButton = topbar.querySelector('[data-test=user-menu]');
const userPanel = topbar.querySelector('[data-test=user-menu-panel]');

function applyTheme(theme) {
  document.documentElement.dataset.theme = theme;
}
applyTheme(localStorage.getItem('mailsec.theme') ||
  (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'));
topbar.querySelector('[data-test=theme-toggle]').addEventListener('click', () => {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  localStorage.setItem('mailsec.theme', next);
  applyTheme(next);
  window.dispatchEvent(new Event('mailsec-theme'));
});

userButton.addEventListener('click', () => {
  userPanel.hidden = !userPanel.hidden;
  userButton.setAttribute('aria-expanded', String(!userPanel.hidden));
});
document.addEventListener('click', (e) => {
  if (!e.target.closest('.user-menu')) userPanel.hidden = true;
});
topbar.querySelector('[data-test=logout]').addEventListener('click', async () => {
  userPanel.hidden = true;
  await logout().catch(() => {});
  showChrome();
  navigate('login');
});

/** Shows the top bar for a signed-in user; hides admin-only navigation for other roles. */
export function showChrome() {
  const user = session.user;
  topbar.hidden = !user;
  if (!user) return;
  userButton.textContent = user.username + ' ▾';
  topbar.querySelector('[data-test=user-role]').textContent = 'Role: ' + user.role;
  document.body.dataset.role = user.role;
  document.body.classList.toggle('is-admin', can('admin'));
}

session.onUnauthorized = () => {
  session.user = null;
  showChrome();
  const {path} = parseHash();
  if (path !== 'login') navigate('login', {next: location.hash.slice(1)});
};

const render = start(document.getElementById('view'), {
  fallback: 'dashboards',
  guard: (r, path) => {
    if (r.public || session.user) return true;
    navigate('login', {next: location.hash.slice(1)});
    return false;
  },
  onRoute: (r) => {
    for (const a of topbar.querySelectorAll('[data-nav]')) {
      a.classList.toggle('active', a.dataset.nav === r.pattern.split('/')[0] ||
        (a.dataset.nav === 'integrations' && r.pattern.startsWith('integrations')));
    }
  },
});

(async () => {
  try {
    await me();
  } catch (e) {
    session.user = null;
  }
  showChrome();
  render();
})();
