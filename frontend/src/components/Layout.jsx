import { NavLink, Outlet, useLocation } from 'react-router-dom'

import { useAuth } from '../auth/AuthContext.jsx'
import NotificationBell from './notifications/NotificationBell.jsx'

export default function Layout() {
  const { user, isAgent, isAdmin, signOut } = useAuth()
  // a page that sent the user away says why (e.g. the admin pages to a non-admin)
  const notice = useLocation().state?.notice
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <span className="brand">TTS</span>
        <nav aria-label="Main">
          <NavLink to="/tickets">Tickets</NavLink>
          {isAgent && <NavLink to="/tasks">My tasks</NavLink>}
          <NavLink to="/notifications">Notifications</NavLink>
          <NavLink to="/profile">Profile</NavLink>
          {isAdmin && <NavLink to="/admin">Admin</NavLink>}
        </nav>
        <div className="account">
          <NotificationBell />
          <span className="who">{user?.name || user?.email}</span>
          <button type="button" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="content">
        {notice && (
          <p role="alert" className="notice">
            {notice}
          </p>
        )}
        <Outlet />
      </main>
    </div>
  )
}
