// The shell: first-run wizard, login, then the header, navigation and the current screen.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, rpc, setUnauthorizedHandler } from './api/client';
import { startEvents, stopEvents, subscribe, payload } from './api/events';
import { Toasts, toastError } from './components/toast';
import { lang, setLang, t, type Key, type Lang } from './i18n';
import { href, navigate, useRoute } from './router';
import { believedLoggedIn, markLoggedIn } from './session';
import { applyTheme, effectiveTheme, savedTheme, type Theme } from './theme';
import { Setup } from './pages/setup';
import { Login } from './pages/login';
import { Dashboard } from './pages/dashboard';
import { Rules } from './pages/rules';
import { RuleEditor } from './pages/rule-editor';
import { Feeds } from './pages/feeds';
import { FeedItems } from './pages/feed-items';
import { Downloads } from './pages/downloads';
import { Search } from './pages/search';
import { Calendar } from './pages/calendar';
import { Settings } from './pages/settings';
import { LogPage } from './pages/log';
import { Account } from './pages/account';
import { Explain } from './pages/explain';

type Phase = 'loading' | 'setup' | 'login' | 'app' | 'offline';

const NAV: { path: string; key: Key }[] = [
  { path: '', key: 'nav.dashboard' },
  { path: 'rules', key: 'nav.rules' },
  { path: 'feeds', key: 'nav.feeds' },
  { path: 'downloads', key: 'nav.downloads' },
  { path: 'search', key: 'nav.search' },
  { path: 'calendar', key: 'nav.calendar' },
  { path: 'settings', key: 'nav.settings' },
  { path: 'log', key: 'nav.log' },
  { path: 'account', key: 'nav.account' },
];

export function App() {
  const [phase, setPhase] = useState<Phase>('loading');
  const [, setLangState] = useState<Lang>(lang());
  const [theme, setTheme] = useState<Theme>(savedTheme());
  const [version, setVersion] = useState('');

  const check = async () => {
    try {
      const s = await api.setupStatus();
      setVersion(s.version);
      if (s.need_setup) {
        markLoggedIn(false);
        setPhase('setup');
      } else if (believedLoggedIn()) {
        // One cheap call tells whether the session is still open, before any screen asks.
        try {
          await rpc('SessionService.ListSessions', {}, { noAuthRedirect: true });
          setPhase('app');
        } catch (e) {
          if (e instanceof ApiError && e.status === 401) {
            markLoggedIn(false);
            setPhase('login');
          } else setPhase('app');
        }
      } else setPhase('login');
    } catch {
      setPhase('offline');
    }
  };

  useEffect(() => {
    setUnauthorizedHandler(() => {
      markLoggedIn(false);
      stopEvents();
      setPhase((p) => (p === 'setup' ? p : 'login'));
    });
    void check();
  }, []);

  useEffect(() => {
    if (phase === 'app') startEvents();
    else stopEvents();
  }, [phase]);

  const switchLang = (l: Lang) => {
    setLang(l);
    setLangState(l);
  };
  const switchTheme = () => {
    const next: Theme = effectiveTheme(theme) === 'dark' ? 'light' : 'dark';
    applyTheme(next);
    setTheme(next);
  };

  const prefs = <Prefs theme={theme} onTheme={switchTheme} onLang={switchLang} />;
  const loggedIn = () => {
    markLoggedIn(true);
    setPhase('app');
    if (location.hash.startsWith('#/login') || location.hash.startsWith('#/setup')) navigate('/', true);
  };

  let body;
  if (phase === 'loading') body = <main id="main" class="center-page" aria-busy="true" />;
  else if (phase === 'offline')
    body = (
      <main id="main" class="center-page">
        <div class="card narrow">
          <h1>{t('app.offline')}</h1>
          <button type="button" class="btn btn-primary" onClick={() => void check()}>
            {t('common.retry')}
          </button>
        </div>
      </main>
    );
  else if (phase === 'setup') body = <Setup prefs={prefs} onDone={loggedIn} version={version} />;
  else if (phase === 'login') body = <Login prefs={prefs} onDone={loggedIn} version={version} />;
  else body = <Shell prefs={prefs} onLogout={() => setPhase('login')} version={version} />;
  return (
    <>
      {body}
      <Toasts />
    </>
  );
}

function Prefs(p: { theme: Theme; onTheme: () => void; onLang: (l: Lang) => void }) {
  const dark = effectiveTheme(p.theme) === 'dark';
  return (
    <div class="prefs">
      <label class="sr-only" for="lang-select">
        {t('app.language')}
      </label>
      <select id="lang-select" class="lang-select" value={lang()} onChange={(e) => p.onLang((e.currentTarget as HTMLSelectElement).value as Lang)}>
        <option value="en" lang="en">
          {t('app.lang_en')}
        </option>
        <option value="zh-CN" lang="zh-CN">
          {t('app.lang_zh')}
        </option>
      </select>
      <button
        type="button"
        class="icon-btn"
        onClick={p.onTheme}
        aria-label={dark ? t('app.theme_light') : t('app.theme_dark')}
        title={dark ? t('app.theme_light') : t('app.theme_dark')}
        data-testid="theme-toggle"
      >
        {dark ? '☀' : '☾'}
      </button>
    </div>
  );
}

function RunState() {
  const [running, setRunning] = useState<boolean | null>(null);
  useEffect(() => {
    api
      .status()
      .then((s) => setRunning(s.status))
      .catch(() => undefined);
    return subscribe((ev) => {
      if (ev.kind === 'program_state') setRunning(Boolean(payload(ev).running));
    });
  }, []);
  if (running === null) return null;
  return (
    <span class={'badge ' + (running ? 'badge-ok' : 'badge-warn')} data-testid="run-state">
      {running ? t('program.running') : t('program.stopped')}
    </span>
  );
}

function Shell(p: { prefs: preact.ComponentChildren; onLogout: () => void; version: string }) {
  const route = useRoute();
  const [menu, setMenu] = useState(false);
  const [section, id] = route.parts;
  useEffect(() => setMenu(false), [route]);
  useEffect(() => {
    if (!menu) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setMenu(false);
        document.querySelector<HTMLElement>('.menu-btn')?.focus();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menu]);
  useEffect(() => {
    const item = NAV.find((n) => n.path === (section ?? ''));
    document.title = item ? `${t(item.key)} · AutoBangumi` : 'AutoBangumi';
  }, [section, lang()]);
  useEffect(() => {
    if (section === 'login' || section === 'setup') navigate('/', true);
  }, [section]);

  const logout = async () => {
    // Close the event stream first: the server ends it with the session, and a stream that
    // breaks while still wanted probes the session, a 401 the user need not see.
    stopEvents();
    try {
      await api.logout();
    } catch (e) {
      toastError(e);
    }
    markLoggedIn(false);
    p.onLogout();
  };

  let page;
  switch (section ?? '') {
    case '':
      page = <Dashboard />;
      break;
    case 'rules':
      page = id ? <RuleEditor id={Number(id)} /> : <Rules query={route.query} />;
      break;
    case 'feeds':
      page = id ? <FeedItems id={Number(id)} /> : <Feeds />;
      break;
    case 'downloads':
      page = <Downloads />;
      break;
    case 'search':
      page = <Search />;
      break;
    case 'calendar':
      page = <Calendar />;
      break;
    case 'settings':
      page = <Settings />;
      break;
    case 'log':
      page = <LogPage />;
      break;
    case 'account':
      page = <Account />;
      break;
    case 'explain':
      page = <Explain initial={route.query.get('title') ?? ''} />;
      break;
    default:
      page = (
        <section>
          <h1>{t('app.not_found')}</h1>
          <a href={href('/')}>{t('nav.dashboard')}</a>
        </section>
      );
  }
  return (
    <div class="shell">
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>
        {t('app.skip')}
      </a>
      <header class="topbar">
        <button
          type="button"
          class="icon-btn menu-btn"
          aria-expanded={menu}
          aria-controls="main-nav"
          aria-label={t('app.menu')}
          onClick={() => setMenu(!menu)}
          data-testid="menu-button"
        >
          ☰
        </button>
        <a class="brand" href={href('/')}>
          AutoBangumi
        </a>
        <RunState />
        <div class="spacer" />
        {p.prefs}
        <button type="button" class="btn btn-ghost" onClick={() => void logout()} data-testid="logout">
          {t('app.logout')}
        </button>
      </header>
      <div class="layout">
        <nav id="main-nav" class={'sidenav' + (menu ? ' open' : '')} aria-label={t('app.nav')}>
          <ul>
            {NAV.map((n) => {
              const active = (section ?? '') === n.path;
              return (
                <li key={n.path}>
                  <a href={href('/' + n.path)} aria-current={active ? 'page' : undefined} data-testid={'nav-' + (n.path || 'dashboard')}>
                    {t(n.key)}
                  </a>
                </li>
              );
            })}
          </ul>
          <p class="version">{p.version && t('app.version', { v: p.version })}</p>
        </nav>
        <main id="main" tabIndex={-1}>
          {page}
        </main>
      </div>
    </div>
  );
}
