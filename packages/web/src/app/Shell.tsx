// The frame of every signed-in screen: a skip link, the header (the user's name, title and role,
// the system's date, the password change, sign out), the role's menu, and the main landmark the screen renders into. A screen whose route
// names roles the user lacks shows 「権限がありません」 instead.
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useMatches, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { api } from '../api/resources';
import { formatReiwa } from '../format';
import { t } from '../i18n';
import { Button, useToast } from '../ui';
import { ForbiddenPage } from './ErrorPages';
import { navItemsFor } from './nav';
import { hasAnyRole, userLabel, useToday, useUser } from './session';

export function Shell() {
  const user = useUser();
  const matches = useMatches();
  const required = [...matches].reverse().find((match) => match.staticData?.roles)
    ?.staticData.roles;
  const allowed = !required || hasAnyRole(user, required);

  return (
    <div className="app">
      <a href="#main" className="app-skip">
        {t('app.skipToContent')}
      </a>
      <Header />
      <div className="app-body">
        <Nav />
        <MainArea>{allowed ? <Outlet /> : <ForbiddenPage roles={required ?? []} />}</MainArea>
      </div>
    </div>
  );
}

function Header() {
  const user = useUser();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const today = useToday();
  const label = userLabel(user);
  // 「小林 正和（会計管理者）」: the title, then the roles it does not already say.
  const roleNames = user.roles.map((role) => t(`role.${role}`));
  const roles = [user.title, ...roleNames.filter((name) => name !== user.title)]
    .filter(Boolean)
    .join('・');

  const signOut = async () => {
    try {
      await api.session.signOut();
    } catch {
      // Signed out or not, the browser forgets the session below; the cookie expires anyway.
    }
    queryClient.clear();
    queryClient.setQueryData(['session'], null);
    toast.show(t('app.signedOut'));
    void navigate({ to: '/login' });
  };

  return (
    <header className="app-header">
      <Link to="/" className="app-brand">
        <span className="app-brand__name">{t('app.name')}</span>
        <span className="app-brand__city">{t('app.city')}</span>
      </Link>
      <div className="app-user" role="group" aria-label={t('app.userMenu', { name: label })}>
        <span className="app-user__name">
          {t('app.signedInAs', { name: user.displayName ?? user.username, role: roles })}
        </span>
        <span className="app-user__today">{t('app.today', { date: formatReiwa(today) })}</span>
        <Link to="/account/password" className="app-user__link">
          {t('app.changePassword')}
        </Link>
        <Button size="small" onPress={() => void signOut()}>
          {t('app.signOut')}
        </Button>
      </div>
    </header>
  );
}

function Nav() {
  const user = useUser();
  // Nothing opens before a password someone else chose is changed (routes-base.tsx).
  const items = user.mustChangePassword ? [] : navItemsFor(user.roles);
  return (
    <nav className="app-nav" aria-label={t('app.mainNav')}>
      <ul>
        {items.map((item) => (
          <li key={item.to}>
            <Link
              to={item.to}
              className="app-nav__link"
              activeOptions={{ exact: item.to === '/' || item.to === '/vendor' }}
              activeProps={{ 'aria-current': 'page', className: 'app-nav__link is-active' }}
            >
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** The main landmark; after each navigation, focus moves to it so reading starts at the page. */
function MainArea({ children }: { children: React.ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    ref.current?.focus({ preventScroll: false });
  }, [pathname]);
  return (
    <main id="main" ref={ref} tabIndex={-1} className="app-main">
      {children}
    </main>
  );
}
