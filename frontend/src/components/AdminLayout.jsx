import { Navigate, NavLink, Outlet, useLocation } from 'react-router-dom'

import { useAuth } from '../auth/AuthContext.jsx'

export const ADMIN_ONLY = 'Only administrators can open the admin pages.'

export const ADMIN_PAGES = [
  ['/admin/reports', 'Dashboard'],
  ['/admin/workflows', 'Workflows'],
  ['/admin/calendars', 'Calendars'],
  ['/admin/unassigned', 'Unassigned'],
  ['/admin/users', 'Users'],
  ['/admin/roles', 'Roles'],
  ['/admin/audit', 'Audit log'],
]

// Everything under /admin/: only holders of tts:Admin get past here; anybody else is sent
// to the ticket list with a message (the API refuses them as well).
export default function AdminLayout() {
  const { isAdmin } = useAuth()
  const location = useLocation()
  if (!isAdmin) return <Navigate to="/tickets" replace state={{ notice: ADMIN_ONLY, from: location.pathname }} />
  return (
    <div className="admin">
      <nav aria-label="Admin" className="admin-nav">
        {ADMIN_PAGES.map(([path, label]) => (
          <NavLink key={path} to={path}>
            {label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  )
}
